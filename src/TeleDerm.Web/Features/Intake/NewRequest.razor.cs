using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using TeleDerm.Core.Authorization;
using TeleDerm.Web.Features.Cases;
using TeleDerm.Core.Intake;
using TeleDerm.Core.FollowUps;

namespace TeleDerm.Web.Features.Intake;

/// <summary>
/// The New request page's behaviour: a draft saved every second and a half while the GP types (restored when they
/// come back), and the request sent through <see cref="IntakeService"/>, whose errors are shown by their fields.
/// </summary>
public partial class NewRequest
{
    private readonly IntakeForm form = new();
    private List<DepartmentOption> departments = [];
    private bool busy;
    private MudBlazor.MudForm? mudForm;
    private List<IntakeError> errors = [];
    private PatientMatch? match;
    private Guid? draftId;
    private DateTime? restoredFrom, savedAt;
    private string lastSavedJson = "";
    private readonly CancellationTokenSource closing = new();

    private FollowUpStart? followUp;
    private bool followUpNotFound;

    private string UserId => Current.Actor.UserId;

    /// <summary>A photo follow-up the answer asked for (My requests' "Send the follow-up photos"): the form starts from its patient and lesions.</summary>
    [SupplyParameterFromQuery(Name = "followUp")]
    public Guid? FollowUpTaskId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        departments = await db.Departments.OrderBy(d => d.Name).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync();
        form.DepartmentId = departments.FirstOrDefault()?.Id ?? Guid.Empty;
        if (FollowUpTaskId is { } taskId)
        {
            followUp = await Tasks.StartFollowUpAsync(taskId, Current.Actor);
            followUpNotFound = followUp is null;
            if (followUp is not null)
            {
                form.StartFollowUp(followUp, string.Format(CultureInfo.CurrentCulture, L["Intake.FollowUpReason"], followUp.CaseReference));
                return;
            }
        }
        if (await Drafts.LoadAsync(UserId) is { } draft)
        {
            Restore(draft);
        }
    }

    /// <summary>
    /// The page stays the same component when the menu's "New request" leaves a follow-up (only the query changes): it
    /// starts again from the server, so that a follow-up's patient and lesions never end up in an ordinary request.
    /// </summary>
    protected override void OnParametersSet()
    {
        if (initialized && FollowUpTaskId != startedWith)
        {
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
        }
        (initialized, startedWith) = (true, FollowUpTaskId);
    }

    private bool initialized;
    private Guid? startedWith;

    protected override void OnAfterRender(bool firstRender)
    {
        // A follow-up is not saved as a draft: the GP's one draft may be another request, which it would replace.
        if (firstRender && followUp is null)
        {
            _ = AutosaveAsync(closing.Token);
        }
    }

    /// <summary>Every second and a half, saves the form if anything changed since the last save (photos once each).</summary>
    private async Task AutosaveAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await InvokeAsync(SaveDraftIfChangedAsync);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SaveDraftIfChangedAsync()
    {
        if (busy)
        {
            return;
        }
        var state = form.ToDraft();
        var json = System.Text.Json.JsonSerializer.Serialize(state);
        var unsaved = form.Lesions.SelectMany(l => l.Photos).Where(p => !p.SavedInDraft && p.Error is null && p.Input.Bytes.Length > 0).ToList();
        if (json == lastSavedJson && unsaved.Count == 0 || IntakeForm.IsEmpty(state))
        {
            return;
        }
        (var id, var at) = await Drafts.SaveAsync(UserId, draftId, state, unsaved.ToDictionary(p => p.Id, p => p.Input.Bytes));
        (draftId, savedAt, lastSavedJson) = (id, at, json);
        unsaved.ForEach(p => p.SavedInDraft = true);
        StateHasChanged();
    }

    /// <summary>A draft photo's preview and checks, or none when they cannot be made (the photo is still checked when the request is sent).</summary>
    private (string? Preview, TeleDerm.Imaging.Quality.PhotoMeasures? Measures) Restored(byte[] bytes)
    {
        try
        {
            return CasePhotoStore.IsDicom(bytes) ? (null, null)
                : (PhotoPreviews.DataUrl(bytes, 96, IntakeLimits.Value.MaxPixelsPerPhoto), PhotoPreviews.Measure(bytes, IntakeLimits.Value.MaxPixelsPerPhoto));
        }
        catch (TeleDerm.Imaging.ImageDecodeException)
        {
            return (null, null);
        }
    }

    private void Restore(LoadedDraft draft)
    {
        form.RestoreFields(draft.State, departments.Select(d => d.Id));
        form.Lesions.Clear();
        foreach (var saved in draft.State.Lesions)
        {
            var lesion = new LesionDraft { BodySiteCode = saved.BodySiteCode, Laterality = saved.Laterality, Description = saved.Description, Kind = saved.Kind };
            foreach (var photo in saved.Photos.Where(p => draft.Photos.ContainsKey(p.Id)))
            {
                var bytes = draft.Photos[photo.Id];
                var (preview, measures) = Restored(bytes);
                lesion.Photos.Add(new PhotoDraft(new PhotoInput(photo.FileName, photo.Kind, bytes))
                {
                    Id = photo.Id, SavedInDraft = true, Percent = 100, Preview = preview, Measures = measures,
                });
            }
            form.Lesions.Add(lesion);
        }
        if (form.Lesions.Count == 0)
        {
            form.Lesions.Add(new LesionDraft());
        }
        (draftId, restoredFrom, lastSavedJson) = (draft.Id, draft.UpdatedAtUtc, System.Text.Json.JsonSerializer.Serialize(form.ToDraft()));
    }

    private async Task DiscardDraftAsync()
    {
        if (draftId is { } id)
        {
            await Drafts.DiscardAsync(UserId, id);
        }
        Navigation.NavigateTo("requests/new", forceLoad: true);
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
    }

    private async Task SubmitAsync()
    {
        busy = true;
        if (mudForm is not null)
        {
            // Marks the required fields left empty at once; the service below still reports every problem.
            await mudForm.ValidateAsync();
        }
        var result = await Intake.SubmitAsync(form.ToRequest(), Current.Actor, form.DepartmentId);
        // Stays busy once sent: the page is leaving and the autosave must not write the draft again.
        busy = result.Succeeded;
        errors = [.. result.Errors];
        match = result.NeedsConfirmation;
        if (result.Succeeded)
        {
            await closing.CancelAsync();
            if (draftId is { } sent)
            {
                await Drafts.DiscardAsync(UserId, sent);
            }
            Navigation.NavigateTo($"cases/{result.CaseId}?sent=true");
            return;
        }
        StateHasChanged();
        // Takes the GP to the first field in error, once the messages are on the page.
        await using var forms = await JS.InvokeAsync<IJSObjectReference>("import", "./js/form-errors.js");
        await forms.InvokeVoidAsync("showFirstError");
    }
}
