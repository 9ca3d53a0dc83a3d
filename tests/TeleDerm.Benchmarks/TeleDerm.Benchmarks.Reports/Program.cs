// Report benchmark: a two-page report with four dermoscopic images (ISIC images from ../shared/data,
// upscaled to 1600×1200 and re-encoded as baseline JPEG quality 90, as a dermatoscope's photos are),
// composed unsigned and composed + signed (PAdES B-B, SHA-256) with a key of TeleDerm's own authority (ECDSA P-256)
// and with a hospital's RSA-3072 certificate, interleaved in one run so all see the same machine load; the CMS
// signature alone over the same number of bytes for each key.
// usage: TeleDerm.Benchmarks.Reports RUNS SHARED_DERMOSCOPY_IMAGES_DIR
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Imaging.Resizing;
using TeleDerm.Reports.Certificates;
using TeleDerm.Reports.Composition;
using TeleDerm.Reports.Content;
using TeleDerm.Reports.Signing;
using TeleDerm.Reports.Verification;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var imagesDir = args.Length > 1 ? args[1] : "../shared/data/dermoscopy/images";
string[] names = ["ISIC_0000031.jpg", "ISIC_0000036.jpg", "ISIC_0000040.jpg", "ISIC_0000053.jpg"];
var images = names.Select(n =>
{
    var decoded = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(imagesDir, n))).Image;
    return JpegEncoder.Encode(ImageResizer.Resize(decoded, 1600, 1200), quality: 90);
}).ToArray();

var now = DateTimeOffset.UtcNow;
using var root = CertificateAuthority.CreateRoot("Benchmark CA", "TeleDerm", now.AddDays(-1));
var identity = new SigningIdentity(CertificateAuthority.IssueSigningCertificate(root, "Dr Bench Mark", "TeleDerm", null, now.AddDays(-1)), [root]);
var (hospitalRoot, hospitalIdentity) = HospitalRsaIdentity(now);
var signingTime = now.UtcDateTime;
var taken = new DateTime(2026, 11, 20, 14, 0, 0, DateTimeKind.Utc);
var content = new ReportContent
{
    Header = new ReportHeader("Centre hospitalier de Valmont, service de dermatologie", ["12 rue des Tilleuls, 69000 Lyon"]),
    Language = ReportLanguage.French,
    ReportNumber = "TD-BENCH-R1",
    Patient = new ReportPatient("DURAND Élodie", "PAT-1", new DateOnly(1961, 3, 14), "F"),
    Request = new ReportRequest("TD-BENCH", taken, "Lésion pigmentée du dos qui a grandi."),
    GeneralPractitioner = new ReportPerson("Dr Paul Girard", ""),
    Dermatologist = new ReportPerson("Dr Bench Mark", ""),
    Lesions =
    [
        new ReportLesion(1, "Dos", [new(images[0], taken, false), new(images[1], taken.AddMonths(-6), true)], [new("Diamètre", "6,4 mm")],
            new ReportRisk(0.62, "high", "teleDerm-dermoscopy-features", "1.0.0", "Decision support for triage.")),
        new ReportLesion(2, "Avant-bras", [new(images[2], taken, false), new(images[3], taken.AddMonths(-12), true)], [],
            new ReportRisk(0.18, "low", "teleDerm-dermoscopy-features", "1.0.0", "")),
    ],
    Conclusion = new ReportConclusion("D22.5", "Naevus atypique du tronc", ReportConfidence.Moderate, ReportManagement.ExcisionOrBiopsy, null,
        "Exérèse avec marges de 2 mm pour histologie.", "Protection solaire.", signingTime),
    Prescription = [new ReportPrescriptionLine("Acide fusidique crème", "2 %", "deux fois par jour", "7 jours", null)],
    Signature = new ReportSignatureBlock("Dr Bench Mark", identity.Certificate.Subject, identity.Certificate.Issuer, signingTime),
};

byte[] Unsigned() => ReportComposer.ComposeUnsigned(content);
byte[] Signed(SigningIdentity by)
{
    using var document = ReportComposer.Compose(content);
    return PadesSigner.Sign(document, by, signingTime);
}

// Warm-up (JIT, font loading), and a check that what is timed is a valid two-page signed report.
var sample = Signed(identity);
foreach (var (by, trusted) in new[] { (identity, root), (hospitalIdentity, hospitalRoot) })
{
    var check = ReportVerifier.Verify(Signed(by), [trusted]);
    if (!check.IsValid)
        throw new InvalidOperationException("The benchmark's report does not verify: " + check.Signatures.FirstOrDefault()?.Problem);
}
var unsignedSample = Unsigned();
var cmsInput = new byte[sample.Length - 2 * PadesSigner.ContentsCapacityFor(identity) - 2];
(string Name, Func<byte[]> Run)[] modes =
[
    ("compose unsigned", Unsigned),
    ("compose + sign, P-256 (TeleDerm's authority)", () => Signed(identity)),
    ("compose + sign, RSA-3072 (a hospital's certificate)", () => Signed(hospitalIdentity)),
    ("CMS signature alone, P-256", () => PadesSigner.CreateCms(cmsInput, identity)),
    ("CMS signature alone, RSA-3072", () => PadesSigner.CreateCms(cmsInput, hospitalIdentity)),
];
for (var i = 0; i < 5; i++)
    foreach (var mode in modes)
        mode.Run();

var timings = modes.ToDictionary(m => m.Name, _ => new List<double>());
var clock = new Stopwatch();
for (var i = 0; i < runs; i++)
{
    // Interleaved, rotating the order so no mode always runs right after another (or after a collection).
    for (var k = 0; k < modes.Length; k++)
    {
        var mode = modes[(k + i) % modes.Length];
        clock.Restart();
        _ = mode.Run();
        clock.Stop();
        timings[mode.Name].Add(clock.Elapsed.TotalMilliseconds);
    }
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

var pages = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(sample), @"/Type\s*/Page(?![s\w])");
Console.WriteLine($"report: {pages} pages, {sample.Length:N0} bytes signed, {unsignedSample.Length:N0} unsigned; images {string.Join(", ", images.Select(i => $"{i.Length / 1024} KiB"))} (1600×1200); {runs} runs each, interleaved");
Console.WriteLine("| mode | p50 ms | p95 ms |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var (mode, values) in timings)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {mode} | {Percentile(values, 0.5):0.00} | {Percentile(values, 0.95):0.00} |"));
foreach (var signed in new[] { modes[1].Name, modes[2].Name })
{
    var ratio50 = Percentile(timings[signed], 0.5) / Percentile(timings["compose unsigned"], 0.5);
    var ratio95 = Percentile(timings[signed], 0.95) / Percentile(timings["compose unsigned"], 0.95);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {signed} / unsigned: p50 {ratio50:0.00}, p95 {ratio95:0.00}"));
}

// A hospital's PKI as many still issue it: an RSA-3072 root and signing certificate.
static (X509Certificate2 Root, SigningIdentity Identity) HospitalRsaIdentity(DateTimeOffset now)
{
    using var rootKey = RSA.Create(3072);
    var rootRequest = new CertificateRequest("CN=CHU Bench Root, O=CHU", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
    rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
    var hospitalRoot = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    using var key = RSA.Create(3072);
    var request = new CertificateRequest("CN=Dr Bench Mark, O=CHU", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
    using var issued = request.Create(hospitalRoot, now.AddDays(-1), now.AddYears(3), [1, 2, 3, 4, 5, 6, 7, 8]);
    return (hospitalRoot, new SigningIdentity(issued.CopyWithPrivateKey(key), [hospitalRoot]));
}
