namespace TeleDerm.Dicom.Dermoscopy;

/// <summary>Which IOD a skin photo becomes; see docs dicom-dermoscopy.md "Which SOP class".</summary>
public enum PhotographKind
{
    /// <summary>Dermoscopic Photography Image (PS3.3 A.32.11), SOP class 1.2.840.10008.5.1.4.1.1.77.1.7, modality DMS.</summary>
    Dermoscopic = 0,

    /// <summary>Clinical/macroscopic photo (phone, camera): VL Photographic Image (PS3.3 A.32.4), SOP class 1.2.840.10008.5.1.4.1.1.77.1.4, modality XC.</summary>
    Clinical = 1,
}
