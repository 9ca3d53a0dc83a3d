namespace TeleDerm.Dicom;

/// <summary>A value representation, PS3.5 6.2: two upper-case letters.</summary>
public readonly record struct DicomVR
{
    private readonly ushort _code;

    private DicomVR(char a, char b) => _code = (ushort)((a << 8) | b);

    public static readonly DicomVR AE = new('A', 'E');
    public static readonly DicomVR AS = new('A', 'S');
    public static readonly DicomVR AT = new('A', 'T');
    public static readonly DicomVR CS = new('C', 'S');
    public static readonly DicomVR DA = new('D', 'A');
    public static readonly DicomVR DS = new('D', 'S');
    public static readonly DicomVR DT = new('D', 'T');
    public static readonly DicomVR FD = new('F', 'D');
    public static readonly DicomVR FL = new('F', 'L');
    public static readonly DicomVR IS = new('I', 'S');
    public static readonly DicomVR LO = new('L', 'O');
    public static readonly DicomVR LT = new('L', 'T');
    public static readonly DicomVR OB = new('O', 'B');
    public static readonly DicomVR OD = new('O', 'D');
    public static readonly DicomVR OF = new('O', 'F');
    public static readonly DicomVR OL = new('O', 'L');
    public static readonly DicomVR OV = new('O', 'V');
    public static readonly DicomVR OW = new('O', 'W');
    public static readonly DicomVR PN = new('P', 'N');
    public static readonly DicomVR SH = new('S', 'H');
    public static readonly DicomVR SL = new('S', 'L');
    public static readonly DicomVR SQ = new('S', 'Q');
    public static readonly DicomVR SS = new('S', 'S');
    public static readonly DicomVR ST = new('S', 'T');
    public static readonly DicomVR SV = new('S', 'V');
    public static readonly DicomVR TM = new('T', 'M');
    public static readonly DicomVR UC = new('U', 'C');
    public static readonly DicomVR UI = new('U', 'I');
    public static readonly DicomVR UL = new('U', 'L');
    public static readonly DicomVR UN = new('U', 'N');
    public static readonly DicomVR UR = new('U', 'R');
    public static readonly DicomVR US = new('U', 'S');
    public static readonly DicomVR UT = new('U', 'T');
    public static readonly DicomVR UV = new('U', 'V');

    private static readonly HashSet<DicomVR> Known =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];

    public string Code => new([(char)(_code >> 8), (char)(_code & 0xFF)]);

    public bool IsKnown => Known.Contains(this);

    /// <summary>VRs with a 2-byte reserved field and a 4-byte length in explicit VR, PS3.5 Table 7.1-1.</summary>
    public bool HasLongLength => this == OB || this == OD || this == OF || this == OL || this == OV || this == OW
        || this == SQ || this == SV || this == UC || this == UN || this == UR || this == UT || this == UV;

    /// <summary>Character string VRs, PS3.5 6.2.</summary>
    public bool IsString => this == AE || this == AS || this == CS || this == DA || this == DS || this == DT || this == IS
        || this == LO || this == LT || this == PN || this == SH || this == ST || this == TM || this == UC || this == UI
        || this == UR || this == UT;

    /// <summary>String VRs whose text uses the Specific Character Set, PS3.5 6.1.2.3 (others are default repertoire).</summary>
    public bool UsesSpecificCharacterSet => this == LO || this == LT || this == PN || this == SH || this == ST || this == UC || this == UT;

    /// <summary>String VRs that never hold a backslash-separated list (their VM is always 1), PS3.5 6.2.</summary>
    public bool IsSingleValuedText => this == LT || this == ST || this == UT || this == UR;

    public bool IsBinaryBulk => this == OB || this == OD || this == OF || this == OL || this == OV || this == OW || this == UN;

    /// <summary>Size in bytes of one binary value (0 for strings, SQ, OB, UN).</summary>
    public int ValueSize =>
        this == US || this == SS || this == OW ? 2
        : this == UL || this == SL || this == FL || this == OF || this == OL || this == AT ? 4
        : this == FD || this == OD || this == SV || this == UV || this == OV ? 8
        : 0;

    /// <summary>The unit to swap when converting big endian, PS3.5 7.3 (AT swaps each 16-bit half).</summary>
    public int ByteSwapUnit => this == AT ? 2 : ValueSize;

    /// <summary>Padding to even length: space for strings, NUL for UI and binary, PS3.5 6.2.</summary>
    public byte PaddingByte => IsString && this != UI ? (byte)' ' : (byte)0;

    public static bool IsValidCode(byte a, byte b) => a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';

    /// <summary>A VR from its two bytes; any two upper-case letters make a VR, known or not.</summary>
    public static DicomVR FromBytes(byte a, byte b) => new((char)a, (char)b);

    public static bool TryParse(string code, out DicomVR vr)
    {
        vr = default;
        if (code.Length != 2 || !IsValidCode((byte)code[0], (byte)code[1]))
            return false;
        vr = new DicomVR(code[0], code[1]);
        return vr.IsKnown;
    }

    public static DicomVR Parse(string code) =>
        TryParse(code, out var vr) ? vr : throw new ArgumentException($"'{code}' is not a DICOM VR", nameof(code));

    public override string ToString() => Code;
}
