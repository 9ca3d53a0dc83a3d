using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Viewer;
using TeleDerm.Imaging.Pyramids;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Viewer;

/// <summary>
/// The viewer's state and what it saves: which images are in which pane, the tool, the toggles, the
/// case's annotations. Drawing, zoom and sync happen in wwwroot/js/viewer.js; shapes come back through
/// <see cref="ShapeDrawn"/> in image pixels and are saved with <see cref="AnnotationCommands"/>.
/// </summary>
public sealed partial class ViewerPage
{
    [Parameter] public Guid CaseId { get; set; }
    [SupplyParameterFromQuery(Name = "lesion")] public Guid? LesionId { get; set; }
    /// <summary>1, 2 or 4 panes on opening (2 when absent or anything else).</summary>
    [SupplyParameterFromQuery(Name = "layout")] public int? Layout { get; set; }

    private ViewerCase? data;
    private bool notFound;
    private ViewerLesion? current;
    private int layout = 2;
    private LesionImage?[] panes = new LesionImage?[4];
    private int activePane;
    private string tool = "pan";
    private bool sync = true, aligning, overlay, showRisk, showHelp;
    private double opacity = 0.5;
    private ImageAdjustment adjustment = ImageAdjustment.None;
    private IReadOnlyList<CaseMeasurement> measurements = [];
    private (int Pane, AnnotationKind Kind, string Points)? pending;
    private string? error;

    private ElementReference root;
    private IJSObjectReference? module;
    private IJSObjectReference? viewer;
    private DotNetObjectReference<ViewerPage>? self;
    private string shownPanes = "";
    private bool annotationsChanged = true;
    private bool creatingViewer;

    protected override async Task OnParametersSetAsync()
    {
        data = await Queries.LoadAsync(Current.Actor, CaseId);
        notFound = data is null;
        await Audit.RecordAsync(AuditActions.ViewerOpened, notFound ? AuditOutcome.Denied : AuditOutcome.Success, recordType: "case",
            recordId: CaseId.ToString(), patientId: data?.Case.PatientId.ToString());
        if (data is null)
        {
            return;
        }
        layout = Layout is 1 or 2 or 4 ? Layout.Value : 2;
        SelectLesion(data.Lesions.FirstOrDefault(l => l.Lesion.Id == LesionId) ?? data.Lesions.FirstOrDefault(l => l.Images.Count > 0) ?? data.Lesions.FirstOrDefault());
        await LoadMeasurementsAsync();
    }

    private void SelectLesion(ViewerLesion? lesion)
    {
        current = lesion;
        panes = new LesionImage?[4];
        if (lesion is null)
        {
            return;
        }
        var defaults = lesion.DefaultPanes(layout);
        for (var i = 0; i < defaults.Count; i++)
        {
            panes[i] = defaults[i];
        }
        activePane = 0;
    }

    private void SetLayout(int n)
    {
        layout = n;
        SelectLesion(current);
    }

    private void Show(int pane, LesionImage image) => panes[pane] = image;

    /// <summary>An image of the timeline dropped on a pane (the drag itself is handled by the viewer's script).</summary>
    [JSInvokable]
    public void DropImage(int pane, string sopInstanceUid)
    {
        if (pane >= 0 && pane < layout && current?.Images.FirstOrDefault(i => i.SopInstanceUid == sopInstanceUid) is { } image)
        {
            panes[pane] = image;
            activePane = pane;
            StateHasChanged();
        }
    }

    private IEnumerable<LesionImage?> PaneImages() => panes.Take(layout);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (data is null)
        {
            return;
        }
        if (viewer is null)
        {
            // A render during the awaits below (a colleague's measurement arriving) runs this method again: it
            // must not create a second viewer in the same element; the run creating it draws what changed.
            if (creatingViewer)
            {
                return;
            }
            creatingViewer = true;
            self ??= DotNetObjectReference.Create(this);
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", "/" + Assets["js/viewer.js"].TrimStart('/'));
            viewer = await module.InvokeAsync<IJSObjectReference>("create", root, self);
            StateHasChanged();
        }
        var key = string.Join("|", PaneImages().Select(i => i?.SopInstanceUid ?? "-")) + "|" + layout;
        if (key != shownPanes)
        {
            shownPanes = key;
            var descriptors = new List<object>();
            for (var i = 0; i < layout; i++)
            {
                if (panes[i] is { } image && await PaneImageAsync(i, image) is { } descriptor)
                {
                    descriptors.Add(descriptor);
                }
            }
            await viewer.InvokeVoidAsync("setPanes", descriptors);
            await viewer.InvokeVoidAsync("setPrefetch", await NextLesionImagesAsync());
            await viewer.InvokeVoidAsync("setTool", tool);
            await viewer.InvokeVoidAsync("setSync", sync);
            annotationsChanged = true;
        }
        if (annotationsChanged)
        {
            annotationsChanged = false;
            await viewer.InvokeVoidAsync("setAnnotations", measurements.Select(m => new
            {
                id = m.Id, sop = m.SopInstanceUid, kind = JsKind(m.Kind),
                points = m.Points.Select(p => new[] { p.X, p.Y }), text = ShapeText(m),
            }));
        }
    }

    /// <summary>What the viewer's script needs of an image in a pane: its size and where its tiles are.</summary>
    private async Task<object?> PaneImageAsync(int index, LesionImage image)
    {
        if (await Renderer.GeometryAsync(image, CancellationToken.None) is not { } geometry || geometry.Columns <= 0 || geometry.Rows <= 0)
        {
            return null;
        }
        var pyramid = TilePyramidLayout.For(geometry.Columns, geometry.Rows);
        return new
        {
            index, sop = image.SopInstanceUid, width = geometry.Columns, height = geometry.Rows,
            tiles = new { url = ViewerUrls.Tiles(image), tileSize = pyramid.TileSize, minLevel = pyramid.MinLevel, maxLevel = pyramid.MaxLevel },
        };
    }

    /// <summary>
    /// The images the next lesion of the list opens with: the script fetches their tiles at the panes' size once
    /// this lesion is drawn, so that going to the next lesion shows them at once.
    /// </summary>
    private async Task<List<object>> NextLesionImagesAsync()
    {
        var images = new List<object>();
        if (data is null || current is null)
        {
            return images;
        }
        var at = data.Lesions.ToList().IndexOf(current);
        var next = data.Lesions.Skip(at + 1).Concat(data.Lesions.Take(at)).FirstOrDefault(l => l.Images.Count > 0);
        if (next is null)
        {
            return images;
        }
        var defaults = next.DefaultPanes(layout);
        for (var i = 0; i < defaults.Count; i++)
        {
            if (defaults[i] is { } image && await PaneImageAsync(i, image) is { } descriptor)
            {
                images.Add(descriptor);
            }
        }
        return images;
    }

    private async Task LoadMeasurementsAsync()
    {
        measurements = await Annotations.ForCaseAsync(CaseId);
        annotationsChanged = true;
    }

    private Task CallAsync(string method, params object[] args) =>
        viewer is null ? Task.CompletedTask : viewer.InvokeVoidAsync(method, args).AsTask();

    private async Task SetToolAsync(string value)
    {
        tool = value;
        pending = null;
        await CallAsync("setTool", value);
    }

    private async Task SetSyncAsync(bool on)
    {
        sync = on;
        await CallAsync("setSync", on);
    }

    private async Task ToggleAlignAsync()
    {
        aligning = !aligning;
        await CallAsync("setAligning", aligning);
    }

    private async Task SetOverlayAsync(bool on, double value)
    {
        (overlay, opacity) = (on, value);
        await CallAsync("setOverlay", on, value);
    }

    private async Task AdjustAsync(ImageAdjustment value)
    {
        adjustment = value;
        await CallAsync("setAdjust", value.Brightness, value.Contrast, value.Gamma);
    }

    private async Task RunAsync(ViewerCommand command)
    {
        switch (command)
        {
            case ViewerCommand.RotateLeft: await CallAsync("rotate", -90); break;
            case ViewerCommand.RotateRight: await CallAsync("rotate", 90); break;
            case ViewerCommand.Flip: await CallAsync("flip"); break;
            case ViewerCommand.FullScreen: await CallAsync("fullscreen"); break;
            case ViewerCommand.Reset:
                adjustment = ImageAdjustment.None;
                await CallAsync("reset");
                break;
        }
    }

    /// <summary>A key the viewer's script does not handle itself: tools and toggles, whose state lives here.</summary>
    [JSInvokable]
    public async Task Shortcut(string name)
    {
        switch (name)
        {
            case "sync": await SetSyncAsync(!sync); break;
            case "align": await ToggleAlignAsync(); break;
            case "overlay": await SetOverlayAsync(!overlay, opacity); break;
            case "help": showHelp = !showHelp; break;
            case "risk": showRisk = !showRisk; break;
            default:
                if (ViewerToolbar.Tools.Contains(name))
                {
                    await SetToolAsync(name);
                }
                break;
        }
        StateHasChanged();
    }

    /// <summary>A shape the user finished drawing in a pane, points in image pixels. Calibrations and labels ask for a value first.</summary>
    [JSInvokable]
    public async Task ShapeDrawn(int pane, string kind, string pointsJson)
    {
        error = null;
        var annotationKind = kind switch
        {
            "ruler" => AnnotationKind.Ruler, "area" => AnnotationKind.Area, "ellipse" => AnnotationKind.Ellipse,
            "arrow" => AnnotationKind.Arrow, "label" => AnnotationKind.Label, "calibrate" => AnnotationKind.Calibration,
            _ => (AnnotationKind?)null,
        };
        if (annotationKind is not { } k || pane < 0 || pane >= layout || panes[pane] is null)
        {
            return;
        }
        if (k is AnnotationKind.Calibration or AnnotationKind.Label)
        {
            pending = (pane, k, pointsJson);
            StateHasChanged();
            return;
        }
        await SaveAsync(pane, new AnnotationDraft(panes[pane]!.Id, k, pointsJson));
        StateHasChanged();
    }

    private async Task SavePendingAsync(ViewerPendingInput.PendingAnnotation input)
    {
        if (pending is not { } p)
        {
            return;
        }
        if (await SaveAsync(p.Pane, new AnnotationDraft(panes[p.Pane]!.Id, p.Kind, p.Points, input.Label, input.KnownLengthMm)))
        {
            pending = null;
        }
    }

    private async Task<bool> SaveAsync(int pane, AnnotationDraft draft)
    {
        var image = panes[pane]!;
        var geometry = await Renderer.GeometryAsync(image, CancellationToken.None);
        if (geometry is null)
        {
            error = L["Viewer.ImageMissing"];
            return false;
        }
        try
        {
            await Commands.AddAsync(Current.Actor, CaseId, draft, geometry);
        }
        catch (AnnotationException ex)
        {
            error = L.Text(ex);
            return false;
        }
        await LoadMeasurementsAsync();
        return true;
    }

    private async Task DeleteAsync(Guid id)
    {
        try
        {
            await Commands.DeleteAsync(Current.Actor, CaseId, id);
        }
        catch (AnnotationException ex)
        {
            error = L.Text(ex);
        }
        await LoadMeasurementsAsync();
    }

    private static string JsKind(AnnotationKind kind) => kind switch
    {
        AnnotationKind.Calibration => "calibrate",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private string Format(CaseMeasurement m) =>
        m.Value is not { } v ? "" : string.Create(CultureInfo.CurrentCulture, $"{v.ToString(m.Unit is "mm" or "mm²" ? "0.0#" : "0", CultureInfo.CurrentCulture)} {m.Unit}");

    private string ShapeText(CaseMeasurement m)
    {
        var value = Format(m);
        var text = m.Value is not null && !m.Calibrated ? $"{value} ({L["Viewer.Uncalibrated"]})" : value;
        return string.Join(" · ", new[] { text, m.Label }.Where(t => !string.IsNullOrEmpty(t)));
    }

    private string ImageDate(string sop) =>
        current?.Images.FirstOrDefault(i => i.SopInstanceUid == sop) is { } image ? Time.Format(image.AcquiredAtUtc)
        : data?.Lesions.SelectMany(l => l.Images).FirstOrDefault(i => i.SopInstanceUid == sop) is { } other ? Time.Format(other.AcquiredAtUtc) : "";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (viewer is not null)
            {
                await viewer.InvokeVoidAsync("dispose");
                await viewer.DisposeAsync();
            }
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone: nothing left to clean up there.
        }
        self?.Dispose();
    }
}
