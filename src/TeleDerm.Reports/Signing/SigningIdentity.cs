using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Reports.Signing;

/// <summary>
/// A signer: their certificate with its private key, and the issuing certificates to embed so a verifier
/// can build the chain to a root it trusts (the root itself may be included; verifiers ignore it).
/// </summary>
public sealed record SigningIdentity(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain)
{
    public string SignerName => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
