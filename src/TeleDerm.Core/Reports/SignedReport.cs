using System.Security.Cryptography;

namespace TeleDerm.Core.Reports;

/// <summary>
/// A signed report PDF, stored as signed and never changed (<see cref="Data.InsertOnlyGuard"/>): the
/// SHA-256 of the file is recorded beside it, and a correction is a new report naming this one in
/// <see cref="AddendumOfReportId"/>.
/// </summary>
public class SignedReport
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>Printed on every page, e.g. "TD-2026-000417".</summary>
    public string ReportNumber { get; set; } = "";
    public string SignedByUserId { get; set; } = "";
    public DateTime SignedAtUtc { get; set; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Pdf { get; set; } = [];
    /// <summary>"en" or "fr": the GP's language at signing.</summary>
    public string Language { get; set; } = "en";
    public string CertificateThumbprint { get; set; } = "";
    public Guid? AddendumOfReportId { get; set; }
    /// <summary>The Encapsulated PDF instance added to the case's study.</summary>
    public string? DicomSopInstanceUid { get; set; }

    /// <summary>Whether the stored file is still the one signed: checked before a file leaves, so a copy changed at rest is never served as signed.</summary>
    public bool MatchesRecordedHash() => Convert.ToHexStringLower(SHA256.HashData(Pdf)) == Sha256;
}

/// <summary>Where a dermatologist's signing certificate came from.</summary>
public enum SigningCredentialSource
{
    /// <summary>Issued by TeleDerm's own certificate authority.</summary>
    TeleDermAuthority = 0,
    /// <summary>Imported from the hospital's PKI as PKCS#12.</summary>
    ImportedPkcs12 = 1,
}

/// <summary>
/// A dermatologist's signing certificate and its private key. The key is stored only as a PKCS#12 blob
/// protected by the host (ASP.NET Core Data Protection); the certificate itself is public.
/// </summary>
public class SigningCredential
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public SigningCredentialSource Source { get; set; }
    public byte[] Certificate { get; set; } = [];
    public byte[] ProtectedPkcs12 { get; set; } = [];
    public string Thumbprint { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";
    public DateTime NotAfterUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The one a dermatologist signs with; older ones stay for the record.</summary>
    public bool IsActive { get; set; }
}
