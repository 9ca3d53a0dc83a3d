using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace TeleDerm.Reports.Signing;

/// <summary>
/// Signs a composed document as PAdES baseline B-B (ETSI EN 319 142-1): a signature field whose value is a
/// signature dictionary with SubFilter ETSI.CAdES.detached, /ByteRange over the whole file except the
/// /Contents hex string, and /Contents a detached CMS SignedData (SHA-256, signing-certificate-v2). The
/// claimed signing time is the dictionary's /M: EN 319 142-1 §5.4 forbids the CMS signing-time attribute.
/// The document is written once with placeholders of fixed width, which are then filled in place, so the
/// byte offsets never move.
/// </summary>
public static class PadesSigner
{
    private const string ByteRangePlaceholder = "[0 /TeleDermByteRangePlaceholder_______________]";
    private static readonly byte[] ByteRangePlaceholderBytes = Encoding.ASCII.GetBytes(ByteRangePlaceholder);

    /// <summary>
    /// Bytes reserved for the CMS structure: the certificates it carries, plus room for everything else, at most ~1.3 KB
    /// (an RSA-4096 signature of 512 bytes, the signer's issuer and serial, the signed attributes, the structure). Sized
    /// to the identity rather than fixed: the room is written out as hex in every report, and a fixed 16 KiB made
    /// signing cost more than the signature itself.
    /// </summary>
    public static int ContentsCapacityFor(SigningIdentity identity) =>
        identity.Certificate.RawDataMemory.Length + identity.Chain.Sum(c => c.RawDataMemory.Length) + 2048;

    public static byte[] Sign(PdfDocument document, SigningIdentity identity, DateTime signingTimeUtc, string? reason = null)
    {
        if (!identity.Certificate.HasPrivateKey)
            throw new ArgumentException("The signing certificate has no private key.", nameof(identity));
        var capacity = ContentsCapacityFor(identity);
        AddSignatureField(document, identity, signingTimeUtc, reason, "<" + new string('0', 2 * capacity) + ">");

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        // Patched in the stream's own buffer: the document is copied once, into the array returned.
        var pdf = output.GetBuffer().AsSpan(0, (int)output.Length);
        var (byteRangeStart, contentsStart) = FindPlaceholders(pdf, capacity);
        var contentsEnd = contentsStart + 2 * capacity + 2;

        var byteRange = string.Create(CultureInfo.InvariantCulture, $"[0 {contentsStart} {contentsEnd} {pdf.Length - contentsEnd}]");
        if (byteRange.Length > ByteRangePlaceholder.Length)
            throw new InvalidOperationException("The document is too large for the byte range placeholder.");
        Encoding.ASCII.GetBytes(byteRange.PadRight(ByteRangePlaceholder.Length), pdf[byteRangeStart..]);

        // The signed bytes are hashed where they lie, either side of /Contents.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(pdf[..contentsStart]);
        hash.AppendData(pdf[contentsEnd..]);
        var cms = DetachedCms.Create(hash.GetHashAndReset(), identity);
        if (cms.Length > capacity)
            throw new InvalidOperationException($"The signature needs {cms.Length} bytes; {capacity} are reserved.");
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms), pdf[(contentsStart + 1)..]);
        return pdf.ToArray();
    }

    /// <summary>
    /// Where the two placeholders were written: the byte range's (unique text), then the /Contents hex string that
    /// follows it in the same signature dictionary (PDFsharp writes a dictionary's entries in the order they were set).
    /// </summary>
    private static (int ByteRange, int Contents) FindPlaceholders(ReadOnlySpan<byte> pdf, int capacity)
    {
        var byteRange = pdf.LastIndexOf(ByteRangePlaceholderBytes);
        var key = byteRange < 0 ? -1 : pdf[byteRange..].IndexOf("/Contents"u8);
        var contents = key < 0 ? -1 : byteRange + key + pdf[(byteRange + key)..].IndexOf((byte)'<');
        var written = contents > byteRange
            && contents + 2 * capacity + 1 < pdf.Length
            && !pdf.Slice(contents + 1, 2 * capacity).ContainsAnyExcept((byte)'0')
            && pdf[contents + 2 * capacity + 1] == (byte)'>';
        if (!written)
            throw new InvalidOperationException("The signature placeholders were not written as expected.");
        return (byteRange, contents);
    }

    /// <summary>The detached CMS SignedData over <paramref name="signedBytes"/>, as PAdES B-B asks (see <see cref="DetachedCms"/>).</summary>
    public static byte[] CreateCms(byte[] signedBytes, SigningIdentity identity) =>
        DetachedCms.Create(SHA256.HashData(signedBytes), identity);

    private static void AddSignatureField(PdfDocument document, SigningIdentity identity, DateTime signingTimeUtc, string? reason, string contentsPlaceholder)
    {
        var signature = new PdfDictionary(document);
        signature.Elements["/Type"] = new PdfName("/Sig");
        signature.Elements["/Filter"] = new PdfName("/Adobe.PPKLite");
        signature.Elements["/SubFilter"] = new PdfName("/ETSI.CAdES.detached");
        signature.Elements["/ByteRange"] = new PdfLiteral(ByteRangePlaceholder);
        signature.Elements["/Contents"] = new PdfLiteral(contentsPlaceholder);
        signature.Elements["/M"] = new PdfLiteral("(" + PdfDate(signingTimeUtc) + ")");
        signature.Elements["/Name"] = new PdfString(identity.SignerName);
        if (reason is not null)
            signature.Elements["/Reason"] = new PdfString(reason);
        document.Internals.AddObject(signature);

        // An invisible widget on the last page (the visible block is part of the page content).
        var page = document.Pages[document.PageCount - 1];
        var field = new PdfDictionary(document);
        field.Elements["/Type"] = new PdfName("/Annot");
        field.Elements["/Subtype"] = new PdfName("/Widget");
        field.Elements["/FT"] = new PdfName("/Sig");
        field.Elements["/T"] = new PdfString("TeleDermSignature");
        field.Elements["/Rect"] = new PdfLiteral("[0 0 0 0]");
        field.Elements["/F"] = new PdfInteger(132); // Print + Locked
        field.Elements.SetReference("/V", signature);
        field.Elements.SetReference("/P", page);
        document.Internals.AddObject(field);

        var annotations = new PdfArray(document);
        annotations.Elements.Add(field.Reference!);
        page.Elements["/Annots"] = annotations;

        var form = new PdfDictionary(document);
        var fields = new PdfArray(document);
        fields.Elements.Add(field.Reference!);
        form.Elements["/Fields"] = fields;
        form.Elements["/SigFlags"] = new PdfInteger(3); // SignaturesExist + AppendOnly
        document.Internals.AddObject(form);
        document.Internals.Catalog.Elements.SetReference("/AcroForm", form);
    }

    /// <summary>PDF date string (ISO 32000-1 §7.9.4) in UTC.</summary>
    public static string PdfDate(DateTime utc) =>
        "D:" + utc.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

}
