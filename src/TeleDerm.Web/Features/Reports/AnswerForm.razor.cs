using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using TeleDerm.Core.Answers;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Reports;

/// <summary>
/// The answer form's behaviour: the coded diagnosis and its words, signing (which asks again for the password or a
/// code), and the draft kept in the tab's sessionStorage as it is typed (wwwroot/js/answer-draft.js), put back after
/// the page was lost.
/// </summary>
public partial class AnswerForm
{
    [Parameter, EditorRequired] public Guid CaseId { get; set; }
    [Parameter] public EventCallback OnSigned { get; set; }
    /// <summary>Writes a correction of the signed report instead of the first answer.</summary>
    [Parameter] public bool Addendum { get; set; }

    private sealed class Line
    {
        public string Medicine { get; set; } = "";
        public string Strength { get; set; } = "";
        public string Dose { get; set; } = "";
        public string Duration { get; set; } = "";
        public string? Instructions { get; set; }
    }

    private string diagnosisCode = "";
    private string diagnosisText = "";
    private DiagnosticConfidence confidence = DiagnosticConfidence.High;
    private Management management = Management.Reassure;
    private int? followUpMonths;
    private string messageToGp = "";
    private string? patientAdvice;
    private readonly List<Line> lines = [];
    private string secret = "";
    private string? error;
    private bool busy;
    private IReadOnlyDictionary<string, string> fieldErrors = new Dictionary<string, string>();
    private ElementReference formElement;
    private IJSObjectReference? drafts;
    private bool restored;
    private bool selectChanged;

    /// <summary>This user's draft of this answer in the tab's sessionStorage (see wwwroot/js/answer-draft.js).</summary>
    private string DraftKey => $"teleDerm.answer.{Current.Actor.UserId}.{CaseId}.{(Addendum ? "addendum" : "answer")}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            if (selectChanged && drafts is not null)
            {
                selectChanged = false;
                await drafts.InvokeVoidAsync("save", formElement);
            }
            return;
        }
        drafts = await JS.InvokeAsync<IJSObjectReference>("import", "./js/answer-draft.js");
        if (await drafts.InvokeAsync<Dictionary<string, string>?>("read", DraftKey) is { } saved)
        {
            Restore(saved);
            restored = true;
            StateHasChanged();
        }
        await drafts.InvokeVoidAsync("attach", formElement, DraftKey);
    }

    /// <summary>Puts back what was typed before the page was lost (values by field id, as the script saved them).</summary>
    private void Restore(IReadOnlyDictionary<string, string> saved)
    {
        string? Value(string id) => saved.TryGetValue(id, out var v) ? v : null;
        diagnosisCode = Value("diagnosis-code") ?? diagnosisCode;
        diagnosisText = Value("diagnosis-text") ?? diagnosisText;
        confidence = Enum.TryParse<DiagnosticConfidence>(Value("confidence"), out var c) ? c : confidence;
        management = Enum.TryParse<Management>(Value("management"), out var m) ? m : management;
        followUpMonths = int.TryParse(Value("follow-up"), out var months) ? months : followUpMonths;
        messageToGp = Value("message-to-gp") ?? messageToGp;
        patientAdvice = Value("patient-advice") ?? patientAdvice;
        var count = int.TryParse(Value("prescription-lines"), out var n) ? Math.Clamp(n, 0, 20) : 0;
        lines.Clear();
        for (var i = 0; i < count; i++)
        {
            lines.Add(new Line
            {
                Medicine = Value($"medicine-{i}") ?? "", Strength = Value($"strength-{i}") ?? "", Dose = Value($"dose-{i}") ?? "",
                Duration = Value($"duration-{i}") ?? "", Instructions = Value($"instructions-{i}"),
            });
        }
    }

    /// <summary>Choosing a code fills the words with its label, unless the dermatologist already wrote their own.</summary>
    private void DiagnosisChosen(string? code)
    {
        var previousLabel = diagnosisCode.Length > 0 ? L[CommonDiagnoses.LabelKey(diagnosisCode)].Value : "";
        diagnosisCode = code ?? "";
        selectChanged = true;
        if (diagnosisCode.Length > 0 && (diagnosisText.Length == 0 || diagnosisText == previousLabel))
            diagnosisText = L[CommonDiagnoses.LabelKey(diagnosisCode)];
    }

    /// <summary>A choice made in a MudBlazor select: no input event reaches the draft script, so it is told after the render.</summary>
    private void Chose(Action set)
    {
        set();
        selectChanged = true;
    }

    private bool HasError(string field) => fieldErrors.ContainsKey(field);

    private RenderFragment FieldError(string field) => builder =>
    {
        if (fieldErrors.TryGetValue(field, out var key))
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "field-error");
            builder.AddAttribute(2, "role", "alert");
            builder.AddAttribute(3, "data-testid", $"error-{field}");
            builder.AddContent(4, L[key].Value);
            builder.CloseElement();
        }
    };

    private async Task SignAsync()
    {
        busy = true;
        try
        {
            var draft = new AnswerDraft(diagnosisCode, diagnosisText, confidence, management, followUpMonths, messageToGp, patientAdvice,
                [.. lines.Select(l => new PrescriptionDraft(l.Medicine, l.Strength, l.Dose, l.Duration, l.Instructions))]);
            var result = Addendum ? await Signing.AddendumAsync(Current.Actor, CaseId, draft, secret) : await Signing.AnswerAndSignAsync(Current.Actor, CaseId, draft, secret);
            secret = "";
            fieldErrors = result.FieldErrors ?? new Dictionary<string, string>();
            if (result.Succeeded)
            {
                error = null;
                if (drafts is not null)
                {
                    await drafts.InvokeVoidAsync("clear", DraftKey);
                }
                await OnSigned.InvokeAsync();
                return;
            }
            error = L.Text(result.Refusal!);
        }
        finally
        {
            busy = false;
        }
    }
}
