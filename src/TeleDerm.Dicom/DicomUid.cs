namespace TeleDerm.Dicom;

/// <summary>A UID, PS3.5 9.1: up to 64 characters, digits and dots, no leading zeros in a component.</summary>
public readonly record struct DicomUid(string Value)
{
    public static readonly DicomUid ImplicitVRLittleEndian = new("1.2.840.10008.1.2");
    public static readonly DicomUid ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1");
    public static readonly DicomUid DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99");
    public static readonly DicomUid ExplicitVRBigEndian = new("1.2.840.10008.1.2.2");
    public static readonly DicomUid JPEGBaseline8Bit = new("1.2.840.10008.1.2.4.50");
    public static readonly DicomUid DermoscopicPhotographyImageStorage = new("1.2.840.10008.5.1.4.1.1.77.1.7");
    public static readonly DicomUid VLPhotographicImageStorage = new("1.2.840.10008.5.1.4.1.1.77.1.4");
    public static readonly DicomUid EncapsulatedPDFStorage = new("1.2.840.10008.5.1.4.1.1.104.1");

    /// <summary>Our implementation class UID (under 2.25, derived from a fixed UUID), PS3.7 D.3.3.2.</summary>
    public static readonly DicomUid TeleDermImplementationClass = new("2.25.262944186640745914036548862718040573733");

    public bool IsValid
    {
        get
        {
            if (string.IsNullOrEmpty(Value) || Value.Length > 64)
                return false;
            foreach (var component in Value.Split('.'))
            {
                if (component.Length == 0 || (component.Length > 1 && component[0] == '0'))
                    return false;
                foreach (var c in component)
                {
                    if (c < '0' || c > '9')
                        return false;
                }
            }

            return true;
        }
    }

    /// <summary>A new UID under the 2.25 root from a random UUID, PS3.5 B.2.</summary>
    public static DicomUid Generate()
    {
        var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return new DicomUid("2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override string ToString() => Value;
}
