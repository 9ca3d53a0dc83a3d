using System.Text;

namespace TeleDerm.Dicom.Text;

/// <summary>ISO 2022 code extensions as DICOM uses them, PS3.5 6.1.2.5 and PS3.3 Table C.12-3/C.12-4:
/// escape sequences switch G0 (bytes 21-7E) and G1 (bytes A1-FE) between character sets.</summary>
internal static class Iso2022Decoder
{
    private enum CharSet
    {
        Ascii,
        Single,     // an ISO 8859 part or TIS 620 in G1
        Katakana,   // JIS X 0201 katakana in G1 (ISO 2022 IR 13)
        Jis0208,    // JIS X 0208 in G0 (ISO 2022 IR 87)
        Jis0212,    // JIS X 0212 in G0 (ISO 2022 IR 159)
        Ksx1001,    // KS X 1001 in G1 (ISO 2022 IR 149)
        Gb2312,     // GB 2312 in G1 (ISO 2022 IR 58)
    }

    private readonly record struct Designation(CharSet Set, Encoding? Encoding);

    public static string Decode(ReadOnlySpan<byte> bytes, string firstTerm)
    {
        var g0 = new Designation(CharSet.Ascii, null);
        var g1 = InitialG1(firstTerm);
        var result = new StringBuilder(bytes.Length);
        var run = new List<byte>();
        Designation? runSet = null;

        void Flush()
        {
            if (runSet is { } set && run.Count > 0)
                result.Append(DecodeRun(set, run));
            run.Clear();
            runSet = null;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0x1B && TryEscape(bytes[(i + 1)..], out var target, out var designation, out var consumed))
            {
                Flush();
                if (target == 0)
                    g0 = designation;
                else
                    g1 = designation;
                i += consumed;
                continue;
            }

            Designation current;
            if (b >= 0x80)
                current = g1;
            else if (b <= 0x20 || b == 0x7F)
                current = new Designation(CharSet.Ascii, null);
            else
                current = g0;
            if (runSet != current)
            {
                Flush();
                runSet = current;
            }

            run.Add(b);
        }

        Flush();
        return result.ToString();
    }

    private static Designation InitialG1(string firstTerm)
    {
        if (firstTerm is "ISO 2022 IR 13")
            return new Designation(CharSet.Katakana, null);
        if (firstTerm is "ISO 2022 IR 149")
            return new Designation(CharSet.Ksx1001, null);
        if (firstTerm is "ISO 2022 IR 58")
            return new Designation(CharSet.Gb2312, null);
        var single = DicomCharacterSet.SingleByteOrUnicode(firstTerm);
        return new Designation(CharSet.Single, single ?? Encoding.Latin1);
    }

    private static bool TryEscape(ReadOnlySpan<byte> s, out int target, out Designation designation, out int consumed)
    {
        target = 0;
        designation = default;
        consumed = 0;
        if (s.Length >= 2 && s[0] == '(' && (s[1] == 'B' || s[1] == 'J'))
        {
            (target, designation, consumed) = (0, new Designation(CharSet.Ascii, null), 2);
            return true;
        }

        if (s.Length >= 2 && s[0] == ')' && s[1] == 'I')
        {
            (target, designation, consumed) = (1, new Designation(CharSet.Katakana, null), 2);
            return true;
        }

        if (s.Length >= 2 && s[0] == '$' && (s[1] == 'B' || s[1] == '@'))
        {
            (target, designation, consumed) = (0, new Designation(CharSet.Jis0208, null), 2);
            return true;
        }

        if (s.Length >= 3 && s[0] == '$' && s[1] == '(' && s[2] == 'D')
        {
            (target, designation, consumed) = (0, new Designation(CharSet.Jis0212, null), 3);
            return true;
        }

        if (s.Length >= 3 && s[0] == '$' && s[1] == ')' && (s[2] == 'C' || s[2] == 'A'))
        {
            (target, designation, consumed) = (1, new Designation(s[2] == 'C' ? CharSet.Ksx1001 : CharSet.Gb2312, null), 3);
            return true;
        }

        if (s.Length >= 2 && s[0] == '-')
        {
            var term = s[1] switch
            {
                (byte)'A' => "ISO_IR 100",
                (byte)'B' => "ISO_IR 101",
                (byte)'C' => "ISO_IR 109",
                (byte)'D' => "ISO_IR 110",
                (byte)'L' => "ISO_IR 144",
                (byte)'G' => "ISO_IR 127",
                (byte)'F' => "ISO_IR 126",
                (byte)'H' => "ISO_IR 138",
                (byte)'M' => "ISO_IR 148",
                (byte)'T' => "ISO_IR 166",
                (byte)'b' => "ISO_IR 203",
                _ => null,
            };
            if (term is null)
                return false;
            (target, designation, consumed) = (1, new Designation(CharSet.Single, DicomCharacterSet.SingleByteOrUnicode(term)), 2);
            return true;
        }

        return false;
    }

    private static string DecodeRun(Designation set, List<byte> run)
    {
        var bytes = run.ToArray();
        switch (set.Set)
        {
            case CharSet.Ascii:
                return Encoding.Latin1.GetString(bytes);
            case CharSet.Single:
                return (set.Encoding ?? Encoding.Latin1).GetString(bytes);
            case CharSet.Katakana:
                return Encoding.GetEncoding(932).GetString(bytes);
            case CharSet.Ksx1001:
                return Encoding.GetEncoding(51949).GetString(bytes);
            case CharSet.Gb2312:
                return Encoding.GetEncoding(936).GetString(bytes);
            case CharSet.Jis0208:
            case CharSet.Jis0212:
                {
                    // Two 7-bit bytes per character; as EUC-JP they are the same bytes with the high bit set
                    // (JIS X 0212 prefixed by SS3 0x8F).
                    var euc = new List<byte>(bytes.Length * 2);
                    for (var i = 0; i + 1 < bytes.Length; i += 2)
                    {
                        if (set.Set == CharSet.Jis0212)
                            euc.Add(0x8F);
                        euc.Add((byte)(bytes[i] | 0x80));
                        euc.Add((byte)(bytes[i + 1] | 0x80));
                    }

                    var text = Encoding.GetEncoding(51932).GetString(euc.ToArray());
                    return bytes.Length % 2 == 1 ? text + (char)bytes[^1] : text;
                }

            default:
                return Encoding.Latin1.GetString(bytes);
        }
    }
}
