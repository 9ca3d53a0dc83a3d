using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TeleDerm.Reports.Content;

namespace TeleDerm.Reports.Composition;

/// <summary>
/// Lays a <see cref="ReportContent"/> out on A4 pages: letterhead, identifiers, the GP's question and
/// questionnaire, the thread, lesions with images and measurements, the conclusion, then (when the department
/// prints it) the model's score beside its disclaimer, prescription, signature block, and a footer on every page.
/// The score comes after the conclusion on purpose: the reader meets the dermatologist's opinion first.
/// The document is returned unsaved so the signer can add its signature dictionary before writing.
/// </summary>
public static class ReportComposer
{
    private const double ImageGap = 12;
    private const double MaxImageHeight = 190;

    public static PdfDocument Compose(ReportContent content)
    {
        PdfSharpSetup.Ensure();
        var texts = ReportTexts.For(content.Language);
        var document = new PdfDocument();
        var title = content.AddendumTo is null ? texts.Title : texts.AddendumTitle;
        document.Info.Title = $"{title} {content.ReportNumber}";
        document.Info.Author = content.Dermatologist.Name;
        document.Info.Creator = "TeleDerm";
        // Fixed dates: the same content gives the same document (the signing time is the signature's own).
        var created = content.Signature?.SigningTimeUtc ?? content.Conclusion.AnsweredAtUtc;
        document.Info.CreationDate = DateTime.SpecifyKind(created, DateTimeKind.Utc);
        document.Info.ModificationDate = document.Info.CreationDate;
        // PDFsharp 6.5's deflate output lacks the zlib end marker, which qpdf --check reports as a warning on
        // every stream; the text streams are small, images are JPEG as they were, so nothing is compressed.
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        document.Language = content.Language == ReportLanguage.French ? "fr-FR" : "en-GB";

        using (var flow = new PageFlow(document))
        {
            flow.NewPage();
            Letterhead(flow, content, texts, title);
            Identifiers(flow, content, texts);
            Questionnaire(flow, content.Request, texts);
            Thread(flow, content, texts);
            foreach (var lesion in content.Lesions)
                Lesion(flow, lesion, content.TimeZone, texts);
            Conclusion(flow, content.Conclusion, texts);
            Risk(flow, content.Lesions, texts);
            Prescription(flow, content.Prescription, texts);
            SignatureBlock(flow, content.Signature, content.TimeZone, texts);
        }
        Footers(document, content, texts);
        return document;
    }

    /// <summary>The composed report written out, unsigned (a preview, or the reference in benchmarks).</summary>
    public static byte[] ComposeUnsigned(ReportContent content)
    {
        using var document = Compose(content);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Letterhead(PageFlow flow, ReportContent content, ReportTexts texts, string title)
    {
        var g = flow.Graphics;
        var textLeft = flow.Left;
        var top = flow.Y;
        if (content.Header.Logo is { Length: > 0 } logo)
        {
            using var image = XImage.FromStream(new MemoryStream(logo));
            var height = 48.0;
            var width = Math.Min(120, height * image.PixelWidth / Math.Max(1, image.PixelHeight));
            g.DrawImage(image, flow.Left, top, width, height);
            textLeft += width + 12;
        }
        var y = top;
        g.DrawString(content.Header.InstitutionName, flow.Bold, new XSolidBrush(PageFlow.Ink), new XPoint(textLeft, y + flow.Bold.Height * 0.8));
        y += flow.Bold.Height * 1.2;
        foreach (var line in content.Header.AddressLines)
        {
            g.DrawString(line, flow.Small, new XSolidBrush(PageFlow.Muted), new XPoint(textLeft, y + flow.Small.Height * 0.8));
            y += flow.Small.Height * 1.2;
        }
        var right = flow.Left + flow.Width;
        g.DrawString(content.ReportNumber, flow.Bold, new XSolidBrush(PageFlow.Ink),
            new XRect(right - 200, top, 200, flow.Bold.Height), XStringFormats.TopRight);
        if (content.Signature is null)
            g.DrawString(texts.Draft, flow.Bold, new XSolidBrush(XColor.FromArgb(0xb4, 0x23, 0x18)),
                new XRect(right - 200, top + flow.Bold.Height * 1.4, 200, flow.Bold.Height), XStringFormats.TopRight);
        flow.Y = Math.Max(y, top + 48) + 14;
        g.DrawString(title, flow.TitleFont, new XSolidBrush(PageFlow.Ink), new XPoint(flow.Left, flow.Y + flow.TitleFont.Height * 0.8));
        flow.Y += flow.TitleFont.Height + 8;
        if (content.AddendumTo is { } addendum)
        {
            flow.Paragraph(string.Format(texts.Culture, texts.AddendumNotice, addendum.ReportNumber,
                texts.Date(addendum.SignedAtUtc, content.TimeZone), addendum.Sha256), flow.Bold);
            flow.Space(4);
        }
    }

    private static void Identifiers(PageFlow flow, ReportContent content, ReportTexts texts)
    {
        var patient = content.Patient;
        var zone = content.TimeZone;
        var answeredOn = DateOnly.FromDateTime(ReportTexts.Local(content.Conclusion.AnsweredAtUtc, zone));
        var born = patient.BirthDate is { } date
            ? $", {texts.BirthDate} {texts.Date(date)} ({string.Format(texts.Culture, texts.Age, AgeOn(date, answeredOn))})"
            : "";
        var sex = string.IsNullOrWhiteSpace(patient.Sex) ? "" : $", {texts.Sex} {patient.Sex}";
        flow.LabelValue(texts.Patient, $"{patient.Name}{born}{sex}");
        flow.LabelValue(texts.PatientId, string.IsNullOrWhiteSpace(patient.NationalHealthId) ? texts.NotRecorded : patient.NationalHealthId);
        flow.LabelValue(texts.Request, $"{content.Request.RequestNumber}, {texts.Submitted} {texts.Date(content.Request.SubmittedAtUtc, zone)}");
        flow.LabelValue(texts.GeneralPractitioner, Person(content.GeneralPractitioner, texts));
        flow.LabelValue(texts.Dermatologist, Person(content.Dermatologist, texts));
        flow.LabelValue(texts.Answered, texts.Date(content.Conclusion.AnsweredAtUtc, zone));
        flow.Paragraph(string.Format(texts.Culture, texts.TimesIn, zone.Id), flow.Small, color: PageFlow.Muted);
        if (!string.IsNullOrWhiteSpace(content.Request.ClinicalQuestion))
            flow.LabelValue(texts.ClinicalQuestion, content.Request.ClinicalQuestion);
    }

    /// <summary>Full years between the birth date and the day of the answer.</summary>
    private static int AgeOn(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day) ? 1 : 0);

    private static string Person(ReportPerson person, ReportTexts texts)
    {
        var text = person.Name;
        if (!string.IsNullOrWhiteSpace(person.RegistrationNumber))
            text += ", " + string.Format(texts.Culture, texts.Registration, person.RegistrationNumber);
        if (!string.IsNullOrWhiteSpace(person.Organisation))
            text += " — " + person.Organisation;
        return text;
    }

    /// <summary>The GP's questionnaire in short: one line of "label: answer" pairs, small type.</summary>
    private static void Questionnaire(PageFlow flow, ReportRequest request, ReportTexts texts)
    {
        if (request.Questionnaire.Count == 0)
            return;
        flow.Space(2);
        flow.Paragraph(texts.QuestionnaireTitle, flow.Bold);
        flow.Paragraph(string.Join(" · ", request.Questionnaire.Select(f => $"{f.Label}{texts.Colon}{f.Value}")), flow.Small);
        flow.Space(3);
    }

    private static void Thread(PageFlow flow, ReportContent content, ReportTexts texts)
    {
        if (content.Thread.Count == 0)
            return;
        flow.Paragraph(texts.ThreadTitle, flow.Bold);
        foreach (var message in content.Thread)
        {
            flow.Paragraph($"{message.Kind}, {message.Author}, {texts.Date(message.AtUtc, content.TimeZone)}", flow.Small, color: PageFlow.Muted);
            flow.Paragraph(message.Text, indent: 8);
        }
        flow.Space(3);
    }

    private static void Lesion(PageFlow flow, ReportLesion lesion, TimeZoneInfo zone, ReportTexts texts)
    {
        var firstRow = lesion.Images.Take(2).Select(i => ImageHeight(i, (flow.Width - ImageGap) / 2)).DefaultIfEmpty(0).Max();
        flow.SectionHeading(string.Format(texts.Culture, texts.Lesion, lesion.Number, lesion.BodySite), firstRow + flow.Small.Height * 2.6);
        // Two images a row: current beside prior when compared.
        foreach (var row in lesion.Images.Chunk(2))
            ImageRow(flow, row, zone, texts);
        if (lesion.Measurements.Count > 0)
        {
            flow.Paragraph(texts.Measurements, flow.Bold);
            foreach (var measurement in lesion.Measurements)
                flow.Paragraph($"• {measurement.Label}{texts.Colon}{measurement.Value}", indent: 8);
            flow.Space(3);
        }
    }

    /// <summary>The model's scores, after the conclusion and with the disclaimer beside them; nothing when the department leaves them out.</summary>
    private static void Risk(PageFlow flow, IReadOnlyList<ReportLesion> lesions, ReportTexts texts)
    {
        var scored = lesions.Where(l => l.Risk is not null).ToList();
        if (scored.Count == 0)
            return;
        flow.SectionHeading(texts.RiskTitle);
        foreach (var lesion in scored)
        {
            var risk = lesion.Risk!;
            flow.Paragraph(string.Format(texts.Culture, texts.RiskScore, risk.Score, risk.Band, risk.ModelName, risk.ModelVersion, lesion.Number));
        }
        flow.Space(2);
        flow.Paragraph(texts.RiskStatement, flow.Small, color: PageFlow.Muted);
        foreach (var intendedUse in scored.Select(l => l.Risk!.IntendedUse).Where(u => !string.IsNullOrWhiteSpace(u)).Distinct())
            flow.Paragraph(intendedUse, flow.Small, color: PageFlow.Muted);
    }

    private static void ImageRow(PageFlow flow, ReportImage[] row, TimeZoneInfo zone, ReportTexts texts)
    {
        var cellWidth = (flow.Width - ImageGap) / 2;
        var images = row.Select(i => XImage.FromStream(new MemoryStream(i.Encoded))).ToList();
        try
        {
            var sizes = images.Select(i => Fit(i, cellWidth, MaxImageHeight)).ToList();
            var height = sizes.Max(s => s.Height);
            flow.Reserve(height + flow.Small.Height * 2.6);
            for (var i = 0; i < images.Count; i++)
            {
                var x = flow.Left + i * (cellWidth + ImageGap);
                flow.Graphics.DrawImage(images[i], x, flow.Y, sizes[i].Width, sizes[i].Height);
                flow.Graphics.DrawRectangle(new XPen(PageFlow.Rule, 0.5), x, flow.Y, sizes[i].Width, sizes[i].Height);
                var image = row[i];
                var caption = string.Format(texts.Culture, image.IsPrior ? texts.PriorImage : texts.CurrentImage, texts.Day(image.AcquiredAtUtc, zone));
                if (!string.IsNullOrWhiteSpace(image.Description))
                    caption += $" ({image.Description})";
                flow.Graphics.DrawString(caption, flow.Small, new XSolidBrush(PageFlow.Muted),
                    new XPoint(x, flow.Y + height + flow.Small.Height * 1.2));
            }
            flow.Y += height + flow.Small.Height * 2.2;
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
    }

    private static double ImageHeight(ReportImage image, double cellWidth)
    {
        using var decoded = XImage.FromStream(new MemoryStream(image.Encoded));
        return Fit(decoded, cellWidth, MaxImageHeight).Height;
    }

    private static XSize Fit(XImage image, double maxWidth, double maxHeight)
    {
        var scale = Math.Min(maxWidth / Math.Max(1, image.PixelWidth), maxHeight / Math.Max(1, image.PixelHeight));
        return new XSize(image.PixelWidth * scale, image.PixelHeight * scale);
    }

    private static void Conclusion(PageFlow flow, ReportConclusion conclusion, ReportTexts texts)
    {
        flow.SectionHeading(texts.Conclusion);
        flow.LabelValue(texts.Diagnosis, $"{conclusion.DiagnosisText} (ICD-10 {conclusion.DiagnosisCode})");
        flow.LabelValue(texts.Confidence, texts.Confidences[conclusion.Confidence]);
        flow.LabelValue(texts.ManagementLabel, texts.Management(conclusion));
        flow.Space(4);
        flow.Paragraph(texts.MessageToGp, flow.Bold);
        flow.Paragraph(conclusion.MessageToGp);
        if (!string.IsNullOrWhiteSpace(conclusion.PatientAdvice))
        {
            flow.Space(4);
            flow.Paragraph(texts.PatientAdvice, flow.Bold);
            flow.Paragraph(conclusion.PatientAdvice);
        }
    }

    private static void Prescription(PageFlow flow, IReadOnlyList<ReportPrescriptionLine> lines, ReportTexts texts)
    {
        if (lines.Count == 0)
            return;
        flow.SectionHeading(texts.PrescriptionTitle);
        var number = 1;
        foreach (var line in lines)
        {
            flow.Reserve(flow.Body.Height * 3);
            flow.Paragraph($"{number++}. {line.Medicine} {line.Strength}", flow.Bold);
            flow.Paragraph($"{texts.Dose}{texts.Colon}{line.Dose}; {texts.Duration}{texts.Colon}{line.Duration}", indent: 12);
            if (!string.IsNullOrWhiteSpace(line.Instructions))
                flow.Paragraph($"{texts.Instructions}{texts.Colon}{line.Instructions}", indent: 12);
            flow.Space(3);
        }
    }

    private static void SignatureBlock(PageFlow flow, ReportSignatureBlock? signature, TimeZoneInfo zone, ReportTexts texts)
    {
        // The heading stays with the block it names (never alone at the foot of a page).
        flow.SectionHeading(texts.SignatureTitle, signature is null ? 0 : flow.Body.Height * 7);
        if (signature is null)
        {
            flow.Paragraph(texts.Draft, flow.Bold, color: XColor.FromArgb(0xb4, 0x23, 0x18));
            return;
        }
        flow.Reserve(flow.Body.Height * 7);
        var top = flow.Y;
        flow.LabelValue(texts.SignedBy, signature.SignerName);
        flow.LabelValue(texts.SignedOn, texts.Date(signature.SigningTimeUtc, zone));
        flow.LabelValue(texts.Certificate, $"{signature.CertificateSubject} / {signature.CertificateIssuer}");
        flow.Space(3);
        flow.Paragraph(texts.SignatureNotice, flow.Small, color: PageFlow.Muted);
        flow.Graphics.DrawRectangle(new XPen(PageFlow.Rule, 0.8), flow.Left - 4, top - 4, flow.Width + 8, flow.Y - top + 6);
    }

    private static void Footers(PdfDocument document, ReportContent content, ReportTexts texts)
    {
        var font = PageFlow.Font(7.5);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - PageFlow.Margin;
            g.DrawLine(new XPen(PageFlow.Rule, 0.5), PageFlow.Margin, y, page.Width.Point - PageFlow.Margin, y);
            var text = string.Format(CultureInfo.InvariantCulture, texts.Page, content.ReportNumber, i + 1, document.PageCount);
            g.DrawString($"{content.Header.InstitutionName} · {content.Patient.Name} · {text}", font,
                new XSolidBrush(PageFlow.Muted), new XPoint(PageFlow.Margin, y + 11));
        }
    }
}
