using Microsoft.EntityFrameworkCore;
using TeleDerm.Core.Accounts;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Data;
using TeleDerm.Core.Events;

namespace TeleDerm.Core.Viewer;

/// <summary>What the viewer sends to save one annotation (points as drawn, in image pixels).</summary>
public sealed record AnnotationDraft(Guid LesionImageId, AnnotationKind Kind, string PointsJson, string? Label = null, double? KnownLengthMm = null);

/// <summary>What the web side read from the image's DICOM header: its size, to check the points, and its Pixel Spacing.</summary>
public sealed record ImageGeometry(int Columns, int Rows, double? PixelSpacingRowMm, double? PixelSpacingColumnMm);

/// <summary>Saves and deletes annotations of a case on behalf of a person, who must be allowed to view the case; audited; published as a case change.</summary>
public sealed class AnnotationCommands(
    IDbContextFactory<TeleDermDbContext> dbFactory,
    IAuditTrail audit,
    ICaseEventPublisher events,
    TimeProvider clock)
{
    /// <summary>Checks everything, then saves. Throws <see cref="AnnotationException"/> with the reason when the draft is refused (nothing is saved).</summary>
    public async Task<ImageAnnotation> AddAsync(Actor user, Guid caseId, AnnotationDraft draft, ImageGeometry geometry,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (@case, image) = await CaseAndImageAsync(db, user, caseId, draft.LesionImageId, cancellationToken);
        var points = Validate(draft, geometry);
        var annotation = new ImageAnnotation
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            LesionImageId = image.Id,
            SopInstanceUid = image.SopInstanceUid,
            Kind = draft.Kind,
            PointsJson = AnnotationGeometry.FormatPoints(points),
            Label = string.IsNullOrWhiteSpace(draft.Label) ? null : draft.Label.Trim(),
            KnownLengthMm = draft.Kind == AnnotationKind.Calibration ? draft.KnownLengthMm : null,
            PixelSpacingRowMm = geometry.PixelSpacingRowMm,
            PixelSpacingColumnMm = geometry.PixelSpacingColumnMm,
            CreatedByUserId = user.UserId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(annotation);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(user, AuditActions.AnnotationAdded, @case, $"{draft.Kind} on {image.SopInstanceUid}");
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.AnnotationsChanged, annotation.CreatedAtUtc));
        return annotation;
    }

    /// <summary>Removes an annotation its author drew; others' annotations are refused.</summary>
    public async Task DeleteAsync(Actor user, Guid caseId, Guid annotationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var annotation = await db.Set<ImageAnnotation>().SingleOrDefaultAsync(a => a.Id == annotationId && a.CaseId == caseId, cancellationToken)
            ?? throw new AnnotationException("NotFound", "This annotation does not exist in this case.");
        var (@case, _) = await CaseAndImageAsync(db, user, caseId, annotation.LesionImageId, cancellationToken);
        if (annotation.CreatedByUserId != user.UserId)
        {
            throw new AnnotationException("NotAuthor", "Only the person who drew an annotation can delete it.");
        }
        db.Remove(annotation);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(user, AuditActions.AnnotationDeleted, @case, $"{annotation.Kind} on {annotation.SopInstanceUid}");
        events.Publish(new CaseEvent(@case.Id, @case.DepartmentId, @case.SubmittedByUserId, CaseEventKind.AnnotationsChanged, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<(TeleExpertiseCase Case, LesionImage Image)> CaseAndImageAsync(TeleDermDbContext db, Actor user, Guid caseId, Guid imageId,
        CancellationToken cancellationToken)
    {
        var @case = await db.Set<TeleExpertiseCase>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null || !ViewerAccess.MayView(user, @case))
        {
            throw new AnnotationException("CaseNotVisible", "This case does not exist or is not one you may view.");
        }
        // The image must be one of the lesions of this case (its own photo or a prior of the same lesion).
        var image = await db.Set<LesionImage>().AsNoTracking()
            .Where(i => i.Id == imageId && db.Set<CaseLesion>().Any(l => l.CaseId == caseId && l.LesionId == i.LesionId))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new AnnotationException("ImageNotInCase", "This image is not one of the lesions of this case.");
        return (@case, image);
    }

    internal static IReadOnlyList<ImagePoint> Validate(AnnotationDraft draft, ImageGeometry geometry)
    {
        if (!Enum.IsDefined(draft.Kind))
        {
            throw new AnnotationException("UnknownKind", $"Unknown annotation kind {(int)draft.Kind}.", (int)draft.Kind);
        }
        if (draft.PointsJson.Length > AnnotationRules.MaxPointsJsonLength)
        {
            throw new AnnotationException("PointsTooLong", $"The points take more than {AnnotationRules.MaxPointsJsonLength} characters.", AnnotationRules.MaxPointsJsonLength);
        }
        var points = AnnotationGeometry.ParsePoints(draft.PointsJson);
        var (min, max) = AnnotationGeometry.PointCount(draft.Kind);
        if (points.Count < min || points.Count > max)
        {
            throw min == max
                ? new AnnotationException("PointCount", $"A {draft.Kind.ToString().ToLowerInvariant()} takes {min} point(s); {points.Count} given.",
                    draft.Kind, min, points.Count)
                : new AnnotationException("PointRange", $"A {draft.Kind.ToString().ToLowerInvariant()} takes {min} to {max} points; {points.Count} given.",
                    draft.Kind, min, max, points.Count);
        }
        foreach (var p in points.Where(p => p.X < 0 || p.Y < 0 || p.X > geometry.Columns || p.Y > geometry.Rows).Take(1))
        {
            throw new AnnotationException("OutsideImage", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The point ({p.X:0.#}, {p.Y:0.#}) lies outside the image ({geometry.Columns} × {geometry.Rows} pixels)."),
                Math.Round(p.X, 1), Math.Round(p.Y, 1), geometry.Columns, geometry.Rows);
        }
        if (draft.Label is { Length: > AnnotationRules.MaxLabelLength })
        {
            throw new AnnotationException("LabelTooLong", $"A label has at most {AnnotationRules.MaxLabelLength} characters.", AnnotationRules.MaxLabelLength);
        }
        if (draft.Kind == AnnotationKind.Label && string.IsNullOrWhiteSpace(draft.Label))
        {
            throw new AnnotationException("LabelEmpty", "A label needs its text.");
        }
        if (draft.Kind == AnnotationKind.Calibration)
        {
            if (draft.KnownLengthMm is not { } known || !double.IsFinite(known) || known <= 0 || known > AnnotationRules.MaxKnownLengthMm)
            {
                throw new AnnotationException("CalibrationLength", $"Enter the true length of the segment in millimetres (more than 0, at most {AnnotationRules.MaxKnownLengthMm}).", AnnotationRules.MaxKnownLengthMm);
            }
            if (AnnotationGeometry.Length(points[0], points[1], null) < AnnotationRules.MinCalibrationPixels)
            {
                throw new AnnotationException("CalibrationTooShort", $"Draw the calibration segment over at least {AnnotationRules.MinCalibrationPixels} pixels of the image.", AnnotationRules.MinCalibrationPixels);
            }
        }
        return points;
    }

    private Task RecordAsync(Actor user, string action, TeleExpertiseCase @case, string details) =>
        audit.AppendAsync(new AuditEvent(action, AuditOutcome.Success, user.UserId, user.UserName,
            "case", @case.Id.ToString(), @case.PatientId.ToString(), user.IpAddress, details));
}
