using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using TeleDerm.Core.Cases;
using TeleDerm.Web.Components;
using TeleDerm.Web.Features.Viewer;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Features.Worklist;

/// <summary>
/// A worklist row's cells (all but its actions) as one piece of HTML, written once per row, language and minute and
/// shared by every open worklist that shows it. Written as components and elements, each open worklist kept the rows'
/// ~1 500 render-tree frames twice and their strings, and diffed them all at every live update of any case
/// (docs/benchmarks.md, idle circuit memory and load); as one shared string per row, a worklist keeps one frame per row
/// and an update compares strings by reference. The actions (claim, release) stay elements with their handlers.
/// </summary>
public sealed class WorklistRowMarkup(IStringLocalizer<Texts> text, TimeProvider clock)
{
    // Rows of the last minute in each language: a department's open pages, a few thousand at most; the bound only guards.
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<Key, MarkupString> written = new();
    private long minuteOfEntries;

    /// <summary>Everything the cells are written from: the waiting times are exact to the minute.</summary>
    private readonly record struct Key(
        WorklistRow Row, IReadOnlyList<WorklistThumbnail> Thumbnails, string? Assignee, RiskBands Bands, string Culture, string UiCulture, long Minute)
    {
        public bool Equals(Key other) =>
            Row.Equals(other.Row) && Thumbnails.SequenceEqual(other.Thumbnails) && Assignee == other.Assignee && Bands.Equals(other.Bands) &&
            Culture == other.Culture && UiCulture == other.UiCulture && Minute == other.Minute;

        public override int GetHashCode() => HashCode.Combine(Row, Thumbnails.Count, Assignee, UiCulture, Minute);
    }

    /// <summary>The row's cells in the current culture, as they read now.</summary>
    public MarkupString Cells(WorklistRow row, IReadOnlyList<WorklistThumbnail> thumbnails, string? assignee, RiskBands bands)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minute = now.Ticks / TimeSpan.TicksPerMinute;
        ForgetOlderThan(minute);
        var key = new Key(row, thumbnails, assignee, bands, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, minute);
        if (written.TryGetValue(key, out var cells))
            return cells;
        cells = new MarkupString(Write(row, thumbnails, assignee, bands, now));
        if (written.Count < MaxEntries)
            written.TryAdd(key, cells);
        return cells;
    }

    /// <summary>
    /// A new minute: the waiting times of every row read differently, so what was written before is dropped (an entry a
    /// slower thread still adds for the minute before is never found again: the minute is part of the key).
    /// </summary>
    private void ForgetOlderThan(long minute)
    {
        var last = Interlocked.Read(ref minuteOfEntries);
        if (minute > last && Interlocked.CompareExchange(ref minuteOfEntries, minute, last) == last)
            written.Clear();
    }

    private string Write(WorklistRow row, IReadOnlyList<WorklistThumbnail> thumbnails, string? assignee, RiskBands bands, DateTime now)
    {
        var html = new StringBuilder(1600);
        var reference = HtmlText.Encode(row.Reference);
        var open = HtmlText.Encode(text["Viewer.Open"]);

        Cell(html, "Worklist.Reference")
            .Append("<a href=\"cases/").Append(row.CaseId).Append("\" data-testid=\"case-").Append(reference).Append("\">").Append(reference).Append("</a>")
            .Append("<a class=\"viewer-link\" href=\"").Append(HtmlText.Encode(ViewerUrls.Viewer(row.CaseId).TrimStart('/')))
            .Append("\" data-testid=\"viewer-").Append(reference).Append("\" title=\"").Append(open).Append("\" aria-label=\"").Append(open)
            .Append("\"><svg class=\"mud-icon-root mud-svg-icon mud-icon-size-small\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">")
            .Append(Icons.Material.Filled.ImageSearch).Append("</svg></a></td>");

        Cell(html, "Worklist.Patient").Append(row.PatientAge.ToString(CultureInfo.CurrentCulture)).Append(' ')
            .Append(HtmlText.Encode(text[$"Sex.{row.PatientSex}"])).Append("</td>");

        Cell(html, "Worklist.Lesions").Append("<span class=\"thumbnails\">");
        foreach (var image in thumbnails)
        {
            html.Append("<img src=\"").Append(HtmlText.Encode(ViewerUrls.Thumbnail(image, 48))).Append("\" width=\"32\" height=\"32\" loading=\"lazy\" alt=\"")
                .Append(HtmlText.Encode(text[$"ImageKind.{image.Kind}"])).Append("\" data-testid=\"thumbnail-").Append(reference).Append("\" />");
        }
        html.Append("</span><span class=\"photo-count\">").Append(HtmlText.Encode(Counted(row.LesionCount, "Worklist.Lesion"))).Append(" · ")
            .Append(HtmlText.Encode(Counted(row.ImageCount, "Worklist.Photo"))).Append("</span>");
        if (row.IsFollowUp)
        {
            html.Append("<span class=\"follow-up-mark\" title=\"").Append(HtmlText.Encode(text["Worklist.FollowUpHint"])).Append("\" data-testid=\"follow-up-")
                .Append(reference).Append("\">").Append(HtmlText.Encode(text["Worklist.FollowUp"])).Append("</span>");
        }
        html.Append("</td>");

        Cell(html, "Worklist.Risk").Append(RiskBadge.Html(row.MaxRisk, bands.BandOf(row.MaxRisk), $"risk-{row.Reference}", text)).Append("</td>");

        Cell(html, "Worklist.Urgency").Append("<span class=\"urgency urgency-").Append(row.Urgency).Append("\">")
            .Append(HtmlText.Encode(text[$"Urgency.{row.Urgency}"])).Append("</span></td>");

        var left = row.ServiceDueAtUtc - now;
        var (kind, due) = left < TimeSpan.Zero
            ? ("overdue", string.Format(CultureInfo.CurrentCulture, text["Worklist.Overdue"], WaitDurations.Format(-left, text)))
            : ("due", string.Format(CultureInfo.CurrentCulture, text["Worklist.DueIn"], WaitDurations.Format(left, text)));
        Cell(html, "Worklist.Waiting").Append("<span class=\"waited\">").Append(HtmlText.Encode(WaitDurations.Format(now - row.SubmittedAtUtc, text)))
            .Append("</span> <span class=\"").Append(kind).Append("\" data-testid=\"due-").Append(reference).Append("\">").Append(HtmlText.Encode(due))
            .Append("</span></td>");

        Cell(html, "Worklist.Status").Append("<span data-testid=\"status-").Append(reference).Append("\">")
            .Append(HtmlText.Encode(text[$"CaseStatus.{row.Status}"])).Append("</span></td>");

        Cell(html, "Worklist.Assignee").Append("<span data-testid=\"assignee-").Append(reference).Append("\">")
            .Append(HtmlText.Encode(assignee ?? "")).Append("</span></td>");
        return html.ToString();
    }

    /// <summary>Opens a cell with its column's name, which narrow screens show beside the value (MudBlazor's data-label).</summary>
    private StringBuilder Cell(StringBuilder html, string column) =>
        html.Append("<td data-label=\"").Append(HtmlText.Encode(text[column])).Append("\" class=\"mud-table-cell\">");

    /// <summary>"1 lesion", "3 photos": the singular and plural are separate texts in each language.</summary>
    private string Counted(int count, string key) =>
        string.Format(CultureInfo.CurrentCulture, text[count == 1 ? $"{key}.One" : $"{key}.Other"], count);
}
