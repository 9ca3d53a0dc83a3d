using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TeleDerm.Reports.Signing;

/// <summary>
/// The detached CMS SignedData (RFC 5652 §5) that PAdES B-B puts in /Contents, written from the SHA-256 digest of the
/// signed bytes. <c>SignedCms</c> wants those bytes as one array, i.e. a copy of the whole report minus its /Contents;
/// here the two byte ranges are hashed where they lie. One signer identified by issuer and serial number, SHA-256,
/// signed attributes contentType, messageDigest and signing-certificate-v2 (no signing-time: EN 319 142-1 §5.4),
/// the signer's certificate and its chain. ECDSA and RSA (PKCS#1 v1.5) keys. SignedCms, OpenSSL and poppler verify
/// what this writes (tests/TeleDerm.Reports.Tests).
/// </summary>
internal static class DetachedCms
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    public static byte[] Create(ReadOnlySpan<byte> sha256Digest, SigningIdentity identity)
    {
        var certificate = identity.Certificate;
        var signedAttributes = SignedAttributes(sha256Digest, certificate);
        var (signatureAlgorithm, signature) = SignAttributes(signedAttributes, certificate);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1); // version 1: issuerAndSerialNumber, id-data content
                using (writer.PushSetOf())
                    WriteAlgorithm(writer, Sha256Oid, nullParameters: false);
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(DataOid); // detached: no eContent
                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    foreach (var carried in new[] { certificate }.Concat(identity.Chain).DistinctBy(c => c.Thumbprint))
                        writer.WriteEncodedValue(carried.RawDataMemory.Span);
                }
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(certificate.IssuerName.RawData);
                        writer.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                    WriteAlgorithm(writer, Sha256Oid, nullParameters: false);
                    // In the SignerInfo the attributes are [0] IMPLICIT; what is signed is their encoding as a SET.
                    var implicitAttributes = (byte[])signedAttributes.Clone();
                    implicitAttributes[0] = 0xA0;
                    writer.WriteEncodedValue(implicitAttributes);
                    WriteAlgorithm(writer, signatureAlgorithm, nullParameters: signatureAlgorithm == RsaEncryptionOid);
                    writer.WriteOctetString(signature);
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>The signed attributes, DER-encoded as a SET OF Attribute (sorted, as DER wants a SET OF).</summary>
    private static byte[] SignedAttributes(ReadOnlySpan<byte> digest, X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(ContentTypeOid);
                using (writer.PushSetOf())
                    writer.WriteObjectIdentifier(DataOid);
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(MessageDigestOid);
                using (writer.PushSetOf())
                    writer.WriteOctetString(digest);
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SigningCertificateV2.Oid);
                using (writer.PushSetOf())
                    writer.WriteEncodedValue(SigningCertificateV2.For(certificate).RawData);
            }
        }
        return writer.Encode();
    }

    private static (string Algorithm, byte[] Signature) SignAttributes(byte[] signedAttributes, X509Certificate2 certificate)
    {
        using (var ecdsa = certificate.GetECDsaPrivateKey())
        {
            if (ecdsa is not null)
                return (EcdsaWithSha256Oid, ecdsa.SignData(signedAttributes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is not null)
                return (RsaEncryptionOid, rsa.SignData(signedAttributes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        throw new NotSupportedException("The signing certificate's key is neither ECDSA nor RSA: TeleDerm cannot sign reports with it.");
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid, bool nullParameters)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (nullParameters)
                writer.WriteNull();
        }
    }
}
