namespace TeleDerm.Reports.Verification;

/// <summary>What the verifier found about one signature of a PDF.</summary>
public sealed record SignatureVerification
{
    /// <summary>The CMS signature is correct and its digest matches the signed byte range.</summary>
    public required bool Intact { get; init; }
    /// <summary>The byte range covers the whole file apart from the signature itself: nothing was appended.</summary>
    public required bool CoversWholeFile { get; init; }
    /// <summary>The certificate chains to a trusted root at signing time; null when no roots were given.</summary>
    public bool? CertificateTrusted { get; init; }
    /// <summary>The signing-certificate-v2 attribute is present and names the signer's certificate.</summary>
    public required bool SigningCertificateBound { get; init; }
    public string? SubFilter { get; init; }
    public string? SignerName { get; init; }
    public string? SignerSubject { get; init; }
    public string? IssuerSubject { get; init; }
    public DateTime? SigningTimeUtc { get; init; }
    public required IReadOnlyList<long> ByteRange { get; init; }
    /// <summary>Why the signature is not valid, in words; null when it is.</summary>
    public string? Problem { get; init; }

    public bool IsValid => Intact && CoversWholeFile && SigningCertificateBound && CertificateTrusted != false;
}

/// <summary>The verdict on a whole file: valid when it has a signature and every signature is valid.</summary>
public sealed record ReportVerification(IReadOnlyList<SignatureVerification> Signatures, string? Problem)
{
    public bool IsValid => Problem is null && Signatures.Count > 0 && Signatures.All(s => s.IsValid);
}
