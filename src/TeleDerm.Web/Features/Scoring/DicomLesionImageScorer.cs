using TeleDerm.Core.Cases;
using TeleDerm.Core.Scoring;
using TeleDerm.Dicom;
using TeleDerm.Dicom.Stores;
using TeleDerm.RiskScoring;

namespace TeleDerm.Web.Features.Scoring;

/// <summary>Scores a lesion image: its pixels from the DICOM store, the patient's age and sex, the active model.</summary>
public sealed class DicomLesionImageScorer(IDicomStore store, ActiveRiskModel model, TimeProvider clock) : ILesionImageScorer
{
    public async Task<bool> IsForAsync(ImageKind kind, CancellationToken cancellationToken)
    {
        var card = (await model.ScorerAsync(cancellationToken)).Card;
        return card.ScoredKinds.Contains(kind switch
        {
            ImageKind.Dermoscopic => TeleDerm.Inference.Models.PhotoKind.Dermoscopic,
            _ => TeleDerm.Inference.Models.PhotoKind.Clinical,
        });
    }

    public async Task<ImageScore> ScoreAsync(LesionImage image, Patient patient, CancellationToken cancellationToken)
    {
        var key = Images.StoredFrames.Key(image);
        var frame = await store.RetrieveFrameAsync(key, 1, cancellationToken)
            ?? throw new InvalidOperationException($"Image {image.SopInstanceUid} is not in the DICOM store.");
        var scorer = await model.ScorerAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var metadata = new PatientMetadata(
            AgeYears: patient.AgeOn(today),
            Sex: patient.Sex switch { Sex.Female => PatientSex.Female, Sex.Male => PatientSex.Male, _ => null });
        // A JPEG frame (encapsulated pixel data) is decoded as a photo; native RGB needs the header's size.
        var result = Images.StoredFrames.IsJpeg(frame)
            ? scorer.Score(frame, metadata)
            : scorer.ScoreTensor(ImageTensors.FromRgb(TeleDerm.Imaging.Resizing.ImageResizer.Resize(
                await NativeRgbAsync(key, frame, cancellationToken), scorer.Card.Image.Width, scorer.Card.Image.Height), scorer.Card.Image), metadata);
        return new ImageScore(result.Risk, result.Band, result.ModelName, result.ModelVersion,
            result.Features.ToDictionary(f => f.Key, f => f.Value));
    }

    private async Task<TeleDerm.Imaging.RgbImage> NativeRgbAsync(DicomInstanceKey key, byte[] frame, CancellationToken cancellationToken) =>
        (await Images.StoredFrames.HeaderAsync(store, key, cancellationToken) ?? throw new InvalidOperationException($"Image {key.SopInstanceUid} is not in the DICOM store.")) is var header
        && Images.StoredFrames.NativeRgb(header, frame) is { } rgb
            ? rgb
            : throw new InvalidOperationException("Only JPEG frames and 8-bit interleaved RGB can be scored.");
}
