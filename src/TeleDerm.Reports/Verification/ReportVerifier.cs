using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using TeleDerm.Reports.Signing;

namespace TeleDerm.Reports.Verification;

/// <summary>
/// Checks the signatures of a PDF from its bytes alone (any file, not only ours: the input is untrusted).
/// For each /ByteRange it finds: the hex string between the two ranges is the CMS; its signature and
/// message digest are checked over the ranges; the signing-certificate-v2 attribute must name the signer;
/// the certificate chain is built to the given roots at the claimed signing time (/M); and the ranges must
/// cover the whole file, or something was appended after signing.
/// </summary>
public static partial class ReportVerifier
{
    public static ReportVerification Verify(byte[] pdf, X509Certificate2Collection? trustedRoots = null)
    {
        if (pdf.Length < 8 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
            return new([], "The file is not a PDF (it does not start with %PDF-).");
        // Latin-1 maps each byte to one char, so string offsets are byte offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var matches = ByteRangePattern().Matches(text);
        if (matches.Count == 0)
            return new([], "The file has no signature (no /ByteRange).");
        var signatures = matches.Select(m => VerifyOne(pdf, text, m, trustedRoots)).ToList();
        return new(signatures, null);
    }

    private static SignatureVerification VerifyOne(byte[] pdf, string text, Match match, X509Certificate2Collection? roots)
    {
        var numbers = match.Groups[1].Value.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var range = new List<long>();
        foreach (var number in numbers)
        {
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return Broken(range, $"The /ByteRange holds '{number}', which is not a non-negative integer.");
            range.Add(value);
        }
        if (range.Count != 4)
            return Broken(range, $"The /ByteRange has {range.Count} numbers instead of 4.");
        var (start1, length1, start2, length2) = (range[0], range[1], range[2], range[3]);
        if (start1 != 0 || length1 < 2 || start2 <= length1 || start2 > pdf.Length || length2 > pdf.Length - start2)
            return Broken(range, $"The /ByteRange [{string.Join(' ', range)}] does not fit a file of {pdf.Length} bytes.");

        // The gap between the ranges must be exactly the /Contents hex string.
        var gap = text.AsSpan((int)length1, (int)(start2 - length1));
        if (gap[0] != '<' || gap[^1] != '>')
            return Broken(range, "The bytes left out of the /ByteRange are not a hex string.");
        byte[] der;
        try
        {
            var hex = Convert.FromHexString(gap[1..^1].ToString().Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
            // The hex string is padded with zeros after the DER value: keep the value only.
            AsnDecoder.ReadEncodedValue(hex, AsnEncodingRules.BER, out _, out _, out var consumed);
            der = hex[..consumed];
        }
        catch (Exception e) when (e is FormatException or AsnContentException or ArgumentException)
        {
            return Broken(range, "The /Contents of the signature is not a CMS structure.");
        }

        var content = new byte[length1 + length2];
        pdf.AsSpan(0, (int)length1).CopyTo(content);
        pdf.AsSpan((int)start2, (int)length2).CopyTo(content.AsSpan((int)length1));
        var coversWholeFile = start2 + length2 == pdf.Length;
        var (subFilter, signingTime) = ReadDictionary(text, match.Index, (int)start2);

        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException)
        {
            return Broken(range, "The /Contents of the signature is not a CMS SignedData.");
        }
        if (cms.SignerInfos.Count != 1)
            return Broken(range, $"The CMS has {cms.SignerInfos.Count} signers instead of 1.");
        var signerInfo = cms.SignerInfos[0];
        X509Certificate2? certificate;
        X509Certificate2Collection carried;
        try
        {
            // The certificates are parsed only when first read: damaged ones throw here, not in Decode.
            certificate = signerInfo.Certificate;
            carried = cms.Certificates;
        }
        catch (CryptographicException)
        {
            return Broken(range, "A certificate carried in the signature is damaged.");
        }
        if (certificate is null)
            return Broken(range, "The CMS does not carry the signer's certificate.");

        string? problem = null;
        var intact = true;
        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            intact = false;
            problem = "The document was altered after signing: the digest of the signed bytes does not match the signature.";
        }
        var bound = IsSigningCertificateBound(signerInfo, certificate);
        if (!bound)
            problem ??= "The signing-certificate-v2 attribute is missing or names another certificate.";
        if (!coversWholeFile)
            problem ??= $"The signature covers {start2 + length2} of the file's {pdf.Length} bytes: something was appended after signing.";
        bool? trusted = null;
        if (roots is not null)
        {
            trusted = ChainsTo(certificate, carried, roots, signingTime);
            if (trusted == false)
                problem ??= "The signer's certificate does not chain to a trusted root.";
        }
        return new SignatureVerification
        {
            Intact = intact,
            CoversWholeFile = coversWholeFile,
            SigningCertificateBound = bound,
            CertificateTrusted = trusted,
            SubFilter = subFilter,
            SignerName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            SignerSubject = certificate.Subject,
            IssuerSubject = certificate.Issuer,
            SigningTimeUtc = signingTime,
            ByteRange = range,
            Problem = problem,
        };
    }

    private static bool IsSigningCertificateBound(SignerInfo signer, X509Certificate2 certificate)
    {
        var hash = SHA256.HashData(certificate.RawData);
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value != SigningCertificateV2.Oid)
                continue;
            foreach (var value in attribute.Values)
            {
                var hashes = SigningCertificateV2.ReadCertificateHashes(value.RawData);
                if (hashes is { Count: > 0 } && hashes[0].AsSpan().SequenceEqual(hash))
                    return true;
            }
        }
        return false;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection embedded, X509Certificate2Collection roots, DateTime? at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(embedded);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (at is { } time)
            chain.ChainPolicy.VerificationTime = time.ToLocalTime();
        return chain.Build(certificate);
    }

    /// <summary>/SubFilter and /M of the dictionary that holds this /ByteRange (between its "obj" and the contents' end).</summary>
    private static (string? SubFilter, DateTime? SigningTime) ReadDictionary(string text, int byteRangeAt, int contentsEnd)
    {
        var objectStart = text.LastIndexOf(" obj", byteRangeAt, StringComparison.Ordinal);
        var objectEnd = text.IndexOf("endobj", contentsEnd, StringComparison.Ordinal);
        if (objectStart < 0)
            objectStart = Math.Max(0, byteRangeAt - 4096);
        if (objectEnd < 0)
            objectEnd = Math.Min(text.Length, contentsEnd + 4096);
        var dictionary = text[objectStart..objectEnd];
        var subFilter = SubFilterPattern().Match(dictionary) is { Success: true } s ? s.Groups[1].Value : null;
        DateTime? time = null;
        if (SigningTimePattern().Match(dictionary) is { Success: true } m
            && DateTime.TryParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = m.Groups[2].Value switch
            {
                "" or "Z" => TimeSpan.Zero,
                var o => new TimeSpan(int.Parse(o[1..3], CultureInfo.InvariantCulture), int.Parse(o[4..6], CultureInfo.InvariantCulture), 0) * (o[0] == '-' ? -1 : 1),
            };
            time = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return (subFilter, time);
    }

    private static SignatureVerification Broken(IReadOnlyList<long> range, string problem) => new()
    {
        Intact = false,
        CoversWholeFile = false,
        SigningCertificateBound = false,
        ByteRange = range,
        Problem = problem,
    };

    [GeneratedRegex(@"/ByteRange\s*\[([^\]]{0,200})\]")]
    private static partial Regex ByteRangePattern();

    [GeneratedRegex(@"/SubFilter\s*/([A-Za-z0-9.#_-]+)")]
    private static partial Regex SubFilterPattern();

    [GeneratedRegex(@"/M\s*\(D:(\d{14})(Z|[+-]\d\d'\d\d'?)?\)")]
    private static partial Regex SigningTimePattern();
}
