using TeleDerm.Core.Cases;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom.Stores;
using TeleDerm.RiskScoring;

namespace TeleDerm.Web.Features.Scoring;

/// <summary>Scores a lesion image: its pixels from the DICOM store, the patient's age and sex, the active model.</summary>
public sealed class DicomLesionImageScorer(IDicomStore store, ActiveRiskModel model, TimeProvider clock) : ILesionImageScorer
{
    public async Task<ImageScore> ScoreAsync(LesionImage image, Patient patient, CancellationToken cancellationToken)
    {
        var key = new DicomInstanceKey(image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid);
        var frame = await store.RetrieveFrameAsync(key, 1, cancellationToken)
            ?? throw new InvalidOperationException($"Image {image.SopInstanceUid} is not in the DICOM store.");
        // Instances made by TeleDerm keep the photo as a JPEG frame (encapsulated pixel data).
        if (frame.Length < 2 || frame[0] != 0xFF || frame[1] != 0xD8)
        {
            throw new InvalidOperationException("Only JPEG-encoded images can be scored so far; this instance holds native pixel data.");
        }
        var scorer = await model.ScorerAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var metadata = new PatientMetadata(
            AgeYears: patient.AgeOn(today),
            Sex: patient.Sex switch { Sex.Female => PatientSex.Female, Sex.Male => PatientSex.Male, _ => null });
        var result = scorer.Score(frame, metadata);
        return new ImageScore(result.Risk, result.Band, result.ModelName, result.ModelVersion,
            result.Features.ToDictionary(f => f.Key, f => f.Value));
    }
}
