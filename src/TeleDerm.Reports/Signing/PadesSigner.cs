using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
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
    /// <summary>Bytes reserved for the CMS structure: room for a 4096-bit signature and a chain of several certificates.</summary>
    public const int ContentsCapacity = 16 * 1024;

    private const string ByteRangePlaceholder = "[0 /TeleDermByteRangePlaceholder_______________]";

    public static byte[] Sign(PdfDocument document, SigningIdentity identity, DateTime signingTimeUtc, string? reason = null)
    {
        if (!identity.Certificate.HasPrivateKey)
            throw new ArgumentException("The signing certificate has no private key.", nameof(identity));
        var contentsPlaceholder = "<" + new string('0', 2 * ContentsCapacity) + ">";
        AddSignatureField(document, identity, signingTimeUtc, reason, contentsPlaceholder);

        byte[] pdf;
        using (var output = new MemoryStream())
        {
            document.Save(output, closeStream: false);
            pdf = output.ToArray();
        }

        var contentsStart = LastIndexOf(pdf, Encoding.ASCII.GetBytes(contentsPlaceholder));
        var byteRangeStart = LastIndexOf(pdf, Encoding.ASCII.GetBytes(ByteRangePlaceholder));
        if (contentsStart < 0 || byteRangeStart < 0)
            throw new InvalidOperationException("The signature placeholders were not written as expected.");
        var contentsEnd = contentsStart + contentsPlaceholder.Length;

        var byteRange = string.Create(CultureInfo.InvariantCulture, $"[0 {contentsStart} {contentsEnd} {pdf.Length - contentsEnd}]");
        if (byteRange.Length > ByteRangePlaceholder.Length)
            throw new InvalidOperationException("The document is too large for the byte range placeholder.");
        Encoding.ASCII.GetBytes(byteRange.PadRight(ByteRangePlaceholder.Length)).CopyTo(pdf, byteRangeStart);

        var signed = new byte[contentsStart + (pdf.Length - contentsEnd)];
        pdf.AsSpan(0, contentsStart).CopyTo(signed);
        pdf.AsSpan(contentsEnd).CopyTo(signed.AsSpan(contentsStart));
        var cms = CreateCms(signed, identity);
        if (cms.Length > ContentsCapacity)
            throw new InvalidOperationException($"The signature needs {cms.Length} bytes; {ContentsCapacity} are reserved.");
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(pdf, contentsStart + 1);
        return pdf;
    }

    /// <summary>The detached CMS SignedData over <paramref name="signedBytes"/>, as PAdES B-B asks.</summary>
    public static byte[] CreateCms(byte[] signedBytes, SigningIdentity identity)
    {
        var cms = new SignedCms(new ContentInfo(signedBytes), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, identity.Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1", "sha256"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var issuer in identity.Chain)
            signer.Certificates.Add(issuer);
        signer.SignedAttributes.Add(SigningCertificateV2.For(identity.Certificate));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

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

    private static int LastIndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().LastIndexOf(needle);
}
