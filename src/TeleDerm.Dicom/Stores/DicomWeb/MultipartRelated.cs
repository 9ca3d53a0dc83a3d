using System.Text;

namespace TeleDerm.Dicom.Stores.DicomWeb;

/// <summary>One body part of a multipart message: its headers (names lower-cased) and its bytes.</summary>
public sealed record MultipartPart(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
}

/// <summary>
/// multipart/related (RFC 2387 over RFC 2046 5.1) as DICOMweb uses it, PS3.18 8.6.1.2: writing STOW-RS
/// requests and reading WADO-RS responses. The bytes come from a server we do not control, so every
/// malformation is a <see cref="FormatException"/> that says what is wrong.
/// </summary>
public static class MultipartRelated
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    /// <summary>The boundary parameter of a Content-Type header value, unquoted.</summary>
    public static string Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                var value = pair[1].Trim().Trim('"');
                // RFC 2046 5.1.1: 1 to 70 characters.
                if (value.Length is 0 or > 70)
                    throw new FormatException($"multipart boundary of {value.Length} characters (1 to 70 allowed)");
                return value;
            }
        }

        throw new FormatException($"no boundary parameter in Content-Type '{contentType}'");
    }

    public static IReadOnlyList<MultipartPart> Parse(ReadOnlyMemory<byte> body, string contentType)
    {
        if (!contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"expected a multipart response, got Content-Type '{contentType}'");
        var delimiter = Encoding.ASCII.GetBytes("--" + Boundary(contentType));
        var span = body.Span;

        // The first delimiter may follow a preamble; every later one follows a CRLF that belongs to it.
        var first = IndexOfDelimiter(span, delimiter, 0, atLineStartOnly: false);
        if (first < 0)
            throw new FormatException("multipart body holds no boundary delimiter");
        var parts = new List<MultipartPart>();
        var position = first + delimiter.Length;
        while (true)
        {
            if (span[position..].StartsWith("--"u8))
                return parts;
            position = SkipLinearWhiteSpace(span, position);
            if (!span[position..].StartsWith(CrLf))
                throw new FormatException($"boundary delimiter at byte {position - delimiter.Length} is not followed by a line break");
            position += 2;

            var next = IndexOfDelimiter(span, delimiter, position, atLineStartOnly: true);
            if (next < 0)
                throw new FormatException("multipart body ends without its closing delimiter");
            var partEnd = next - 2; // the CRLF before the delimiter belongs to the delimiter
            parts.Add(ParsePart(body[position..partEnd], position));
            position = next + delimiter.Length;
        }
    }

    private static MultipartPart ParsePart(ReadOnlyMemory<byte> part, int offset)
    {
        var span = part.Span;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (span.StartsWith(CrLf))
            return new MultipartPart(headers, part[2..]);
        var end = span.IndexOf("\r\n\r\n"u8);
        if (end < 0)
            throw new FormatException($"part at byte {offset}: headers do not end with an empty line");
        foreach (var line in Encoding.ASCII.GetString(span[..end]).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new FormatException($"part at byte {offset}: header line '{line}' has no name");
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new MultipartPart(headers, part[(end + 4)..]);
    }

    private static int IndexOfDelimiter(ReadOnlySpan<byte> span, byte[] delimiter, int from, bool atLineStartOnly)
    {
        var search = from;
        while (search < span.Length)
        {
            var found = span[search..].IndexOf(delimiter);
            if (found < 0)
                return -1;
            var at = search + found;
            var atLineStart = at >= 2 && span[at - 2] == '\r' && span[at - 1] == '\n';
            if (atLineStart && at - 2 >= from || !atLineStartOnly && (at == 0 || atLineStart))
                return at;
            search = at + 1;
        }

        return -1;
    }

    private static int SkipLinearWhiteSpace(ReadOnlySpan<byte> span, int position)
    {
        while (position < span.Length && span[position] is (byte)' ' or (byte)'\t')
            position++;
        return position;
    }

    /// <summary>Writes a multipart/related body with one part per payload, all of the same media type.</summary>
    public static byte[] Write(IEnumerable<ReadOnlyMemory<byte>> payloads, string partContentType, string boundary)
    {
        using var stream = new MemoryStream();
        foreach (var payload in payloads)
        {
            stream.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: {partContentType}\r\n\r\n"));
            stream.Write(payload.Span);
            stream.Write(CrLf);
        }

        stream.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return stream.ToArray();
    }
}
