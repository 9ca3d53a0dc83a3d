using System.Text;

namespace TeleDerm.Dicom.Text;

/// <summary>Specific Character Set (0008,0005) to text, PS3.3 C.12.1.1.2 and PS3.5 6.1.</summary>
public static class DicomCharacterSet
{
    static DicomCharacterSet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding for a single (non code-extension) defined term, or null when unknown.</summary>
    public static Encoding? SingleByteOrUnicode(string term) => Normalize(term) switch
    {
        "" or "ISO_IR 6" or "ISO 2022 IR 6" => Encoding.Latin1,
        "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
        "ISO_IR 101" or "ISO 2022 IR 101" => Encoding.GetEncoding(28592),
        "ISO_IR 109" or "ISO 2022 IR 109" => Encoding.GetEncoding(28593),
        "ISO_IR 110" or "ISO 2022 IR 110" => Encoding.GetEncoding(28594),
        "ISO_IR 144" or "ISO 2022 IR 144" => Encoding.GetEncoding(28595),
        "ISO_IR 127" or "ISO 2022 IR 127" => Encoding.GetEncoding(28596),
        "ISO_IR 126" or "ISO 2022 IR 126" => Encoding.GetEncoding(28597),
        "ISO_IR 138" or "ISO 2022 IR 138" => Encoding.GetEncoding(28598),
        "ISO_IR 148" or "ISO 2022 IR 148" => Encoding.GetEncoding(28599),
        "ISO_IR 203" or "ISO 2022 IR 203" => Encoding.GetEncoding(28605),
        "ISO_IR 166" or "ISO 2022 IR 166" => Encoding.GetEncoding(874),
        "ISO_IR 13" or "ISO 2022 IR 13" => Encoding.GetEncoding(932),
        "ISO_IR 192" => Encoding.UTF8,
        "GB18030" => Encoding.GetEncoding(54936),
        "GBK" => Encoding.GetEncoding(936),
        _ => null,
    };

    /// <summary>Accepts the common misspelling "ISO-IR 100" for "ISO_IR 100".</summary>
    private static string Normalize(string term)
    {
        var t = term.Trim();
        return t.StartsWith("ISO-IR", StringComparison.Ordinal) ? "ISO_IR" + t[6..] : t;
    }

    public static bool UsesCodeExtensions(IReadOnlyList<string> terms) =>
        terms.Any(t => t.Trim().StartsWith("ISO 2022", StringComparison.Ordinal));

    public static string Decode(ReadOnlySpan<byte> bytes, IReadOnlyList<string> terms)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        if (terms.Count == 0)
            return Encoding.Latin1.GetString(bytes);
        if (!UsesCodeExtensions(terms))
            return (SingleByteOrUnicode(terms[0]) ?? Encoding.Latin1).GetString(bytes);
        return Iso2022Decoder.Decode(bytes, Normalize(terms[0]));
    }

    /// <summary>Text to bytes for a dataset whose character set is <paramref name="terms"/>; code extensions write
    /// only their first (default) set.</summary>
    public static byte[] Encode(string text, IReadOnlyList<string> terms)
    {
        var encoding = terms.Count == 0 ? Encoding.ASCII : SingleByteOrUnicode(terms[0]) ?? Encoding.UTF8;
        return encoding.GetBytes(text);
    }
}
