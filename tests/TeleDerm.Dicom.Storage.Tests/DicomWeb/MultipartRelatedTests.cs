using System.Text;
using TeleDerm.Dicom.Stores.DicomWeb;

namespace TeleDerm.Dicom.Storage.Tests.DicomWeb;

/// <summary>WADO-RS answers come from servers we do not control: every malformation is a FormatException.</summary>
public sealed class MultipartRelatedTests
{
    private const string ContentType = "multipart/related; type=\"application/dicom\"; boundary=XyZ";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void What_is_written_is_read_back_part_for_part()
    {
        byte[] first = [0, 1, 2, 13, 10, 45, 45];
        byte[] second = Ascii("second part");

        var body = MultipartRelated.Write([first, second], "application/dicom", "XyZ");
        var parts = MultipartRelated.Parse(body, ContentType);

        Assert.Equal(2, parts.Count);
        Assert.Equal(first, parts[0].Body.ToArray());
        Assert.Equal(second, parts[1].Body.ToArray());
        Assert.Equal("application/dicom", parts[0].ContentType);
    }

    [Fact]
    public void A_preamble_quoted_boundary_and_headers_in_any_case_are_read()
    {
        var body = Ascii("preamble\r\n--b1\r\nCONTENT-TYPE: application/octet-stream\r\nContent-Length: 3\r\n\r\nabc\r\n--b1--\r\nepilogue");

        var part = Assert.Single(MultipartRelated.Parse(body, "Multipart/Related; boundary=\"b1\"; type=\"application/octet-stream\""));

        Assert.Equal("abc", Encoding.ASCII.GetString(part.Body.Span));
        Assert.Equal("application/octet-stream", part.ContentType);
        Assert.Equal("3", part.Headers["content-length"]);
    }

    [Fact]
    public void A_part_without_headers_is_read()
    {
        var part = Assert.Single(MultipartRelated.Parse(Ascii("--XyZ\r\n\r\nbody\r\n--XyZ--"), ContentType));
        Assert.Equal("body", Encoding.ASCII.GetString(part.Body.Span));
    }

    [Theory]
    [InlineData("application/dicom", "expected a multipart response")]
    [InlineData("multipart/related; type=\"application/dicom\"", "no boundary parameter")]
    [InlineData("multipart/related; boundary=", "boundary of 0 characters")]
    [InlineData("multipart/related; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "boundary of 75 characters")]
    public void A_content_type_without_a_usable_boundary_is_refused(string contentType, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MultipartRelated.Parse(Ascii("--XyZ\r\n\r\nx\r\n--XyZ--"), contentType));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "holds no boundary delimiter")]
    [InlineData("no delimiter anywhere", "holds no boundary delimiter")]
    [InlineData("--XyZ\r\nContent-Type: application/dicom\r\n\r\ntruncated body", "without its closing delimiter")]
    [InlineData("--XyZ", "not followed by a line break")]
    [InlineData("--XyZgarbage\r\n\r\nx\r\n--XyZ--", "not followed by a line break")]
    [InlineData("--XyZ\r\nContent-Type: application/dicom\r\nbody without blank line\r\n--XyZ--", "do not end with an empty line")]
    [InlineData("--XyZ\r\nContent-Type application/dicom\r\n\r\nx\r\n--XyZ--", "has no name")]
    [InlineData("--XyZ\r\nContent-Type: application/dicom\r\n--XyZ--", "do not end with an empty line")]
    public void A_malformed_body_is_refused_with_what_is_wrong(string body, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MultipartRelated.Parse(Ascii(body), ContentType));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_valid_body_is_either_read_or_refused_with_a_FormatException()
    {
        var body = MultipartRelated.Write([Ascii("first"), Ascii("second")], "application/dicom", "XyZ");
        for (var length = 0; length < body.Length; length++)
        {
            try
            {
                MultipartRelated.Parse(body.AsMemory(0, length), ContentType);
            }
            catch (FormatException)
            {
                // Refused: the expected outcome for a cut body.
            }
        }
    }
}
