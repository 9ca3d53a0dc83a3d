namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>Builds a skin photo instance: Dermoscopic Photography Image (PS3.3 A.32.11, DMS) or VL Photographic
/// Image (A.32.4, XC) as <see cref="DermoscopicImageRequest.Kind"/> says, from a baseline JPEG kept bit-exact or
/// native RGB. The file carries its transfer syntax, so <see cref="DicomFile.ToBytes"/> needs no argument.</summary>
public static class SkinPhotographBuilder
{
    public static DicomFile Build(PhotoPixels pixels, DermoscopicImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(request);
        var (sopClass, modality) = request.Kind switch
        {
            PhotographKind.Dermoscopic => (DicomUid.DermoscopicPhotographyImageStorage, "DMS"),
            PhotographKind.Clinical => (DicomUid.VLPhotographicImageStorage, "XC"),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, $"unknown photograph kind {request.Kind}"),
        };

        var ds = new DicomDataset();
        PhotographModules.AddCommon(ds, request, sopClass, modality);
        if (request.Kind == PhotographKind.Dermoscopic)
        {
            PhotographModules.AddFrameOfReference(ds);
            PhotographModules.AddDermoscopicImage(ds, request);
        }
        else
        {
            // Not a module of the VL Photographic IOD, kept as standard extended attributes (PS3.4 B.1.3) so that
            // stores and viewers find the lesion's clinical photos by the same Tracking UID as its dermoscopic ones.
            PhotographModules.AddLesionTracking(ds, request);
        }

        pixels.AddTo(ds);
        return new DicomFile(new DicomDataset(), ds) { TransferSyntax = pixels.TransferSyntax };
    }
}
