using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TeleDerm.Dicom.Json;

/// <summary>The DICOM JSON Model, PS3.18 F.2, written the way dcmtk's dcm2json writes it:
/// DS and IS as JSON numbers (as strings when not numbers), empty values as null, group lengths left out.</summary>
public static partial class DicomJsonWriter
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    public static string ToJson(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, dataset, options);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = options.Indented,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        WriteDataset(writer, dataset, options);
    }

    private static void WriteDataset(Utf8JsonWriter writer, DicomDataset dataset, DicomJsonOptions options)
    {
        writer.WriteStartObject();
        foreach (var item in dataset)
        {
            // Group lengths are not part of the JSON model, PS3.18 F.2.
            if (item.Tag.IsGroupLength)
                continue;
            writer.WritePropertyName(item.Tag.ToJsonKey());
            writer.WriteStartObject();
            writer.WriteString("vr", item.VR.Code);
            switch (item)
            {
                case DicomSequence sequence when sequence.Items.Count > 0:
                    writer.WriteStartArray("Value");
                    foreach (var child in sequence.Items)
                        WriteDataset(writer, child, options);
                    writer.WriteEndArray();
                    break;
                case DicomElement element when element.Length > 0:
                    WriteValue(writer, dataset, element, options);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element, DicomJsonOptions options)
    {
        var vr = element.VR;
        if (vr.IsBinaryBulk)
        {
            if (options.IncludeInlineBinary)
                writer.WriteBase64String("InlineBinary", PadToEven(element.Buffer.GetBytes()).Span);
            return;
        }

        if (vr == DicomVR.AT)
        {
            writer.WriteStartArray("Value");
            foreach (var value in DicomDataset.GetBinaryNumbers(element))
                writer.WriteStringValue(((uint)value).ToString("X8", CultureInfo.InvariantCulture));
            writer.WriteEndArray();
            return;
        }

        if (!vr.IsString)
        {
            writer.WriteStartArray("Value");
            foreach (var value in DicomDataset.GetBinaryNumbers(element))
                WriteBinaryNumber(writer, value);
            writer.WriteEndArray();
            return;
        }

        // The JSON text is Unicode, so the character set it declares is ISO_IR 192 (as dcm2json writes it).
        var values = element.Tag == DicomTags.SpecificCharacterSet ? ["ISO_IR 192"] : dataset.GetStrings(element.Tag);
        if (vr == DicomVR.PN)
            values = values.Select(TrimPersonName).ToArray();
        if (values.Length == 0 || values.All(v => v.Length == 0) && values.Length == 1)
            return;
        writer.WriteStartArray("Value");
        foreach (var value in values)
        {
            if (value.Length == 0)
                writer.WriteNullValue();
            else if (vr == DicomVR.PN)
                WritePersonName(writer, value);
            else if ((vr == DicomVR.DS || vr == DicomVR.IS) && TryNumber(value, out var number))
                writer.WriteRawValue(number);
            else
                writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteBinaryNumber(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float or double:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
        }
    }

    // DS allows "+1", ".5", "01": give JSON the same number in its own grammar.
    private static bool TryNumber(string text, out string number)
    {
        if (JsonNumber().IsMatch(text))
        {
            number = text;
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            number = value.ToString("R", CultureInfo.InvariantCulture);
            return true;
        }

        number = "";
        return false;
    }

    // Values on the wire have even length, PS3.5 7.1.1; an odd one is padded with NUL like dcmtk does.
    private static ReadOnlyMemory<byte> PadToEven(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length % 2 == 0)
            return bytes;
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded);
        return padded;
    }

    // Empty trailing components and groups carry nothing, PS3.5 6.2.1.1: "OB^^^^" is "OB", "^^^^" is empty.
    private static string TrimPersonName(string value)
    {
        var groups = value.Split('=').Select(g => g.TrimEnd('^', ' ')).ToList();
        while (groups.Count > 0 && groups[^1].Length == 0)
            groups.RemoveAt(groups.Count - 1);
        return string.Join('=', groups);
    }

    // A person name's component groups, PS3.18 F.2.2 and PS3.5 6.2.1.1.
    private static void WritePersonName(Utf8JsonWriter writer, string value)
    {
        var groups = value.Split('=');
        writer.WriteStartObject();
        string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (var i = 0; i < groups.Length && i < names.Length; i++)
        {
            if (groups[i].Length > 0)
                writer.WriteString(names[i], groups[i]);
        }

        writer.WriteEndObject();
    }
}
