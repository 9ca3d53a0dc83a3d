using TeleDerm.Core.Answers;
using TeleDerm.Core.Cases;
using TeleDerm.Core.Reports;

namespace TeleDerm.Core.Tests.Answers;

/// <summary>A signer that always "signs" the same few bytes: for tests about what signing records around the report, not the PDF.</summary>
internal sealed class FixedReportSigner : IReportSigner
{
    public Task<SignedReportFile> SignAsync(TeleExpertiseCase @case, CaseAnswer answer, string reportNumber, DateTime signingTimeUtc,
        SignedReport? addendumOf, CancellationToken cancellationToken) =>
        Task.FromResult(new SignedReportFile("%PDF-1.7 signed"u8.ToArray(), "AB12", "fr", "1.2.3.4"));
}
