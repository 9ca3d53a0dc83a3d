using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Reports.Signing;

/// <summary>
/// The ESS signing-certificate-v2 signed attribute (RFC 5035), which binds the signature to the signer's
/// certificate so it cannot be swapped for another with the same key; PAdES B-B requires it.
/// <code>
/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// </code>
/// </summary>
public static class SigningCertificateV2
{
    public const string Oid = "1.2.840.113549.1.9.16.2.47";

    public static AsnEncodedData For(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            // hashAlgorithm omitted: SHA-256 is the DEFAULT, and DER leaves defaults out.
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                    writer.WriteEncodedValue(certificate.IssuerName.RawData);
                writer.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }
        return new AsnEncodedData(Oid, writer.Encode());
    }

    /// <summary>
    /// The certificate hashes the attribute names (SHA-256 only: the default, and what we write), or null
    /// when the value is not a well-formed SigningCertificateV2.
    /// </summary>
    public static IReadOnlyList<byte[]>? ReadCertificateHashes(ReadOnlyMemory<byte> value)
    {
        try
        {
            var hashes = new List<byte[]>();
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var certs = reader.ReadSequence().ReadSequence();
            while (certs.HasData)
            {
                var id = certs.ReadSequence();
                if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    var algorithm = id.ReadSequence().ReadObjectIdentifier();
                    if (algorithm != "2.16.840.1.101.3.4.2.1")
                        return null;
                }
                hashes.Add(id.ReadOctetString());
            }
            return hashes;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
