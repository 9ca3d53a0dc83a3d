using TeleDerm.Core.Audit;

namespace TeleDerm.Core.Tests.Audit;

public class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData(null, "")]
    public void Values_are_quoted_and_formulas_defused(string? value, string expected) =>
        Assert.Equal(expected, AuditCsv.Quote(value));

    [Fact]
    public async Task Export_writes_a_header_and_one_line_per_entry_with_hashes()
    {
        var entry = new AuditEntry
        {
            Sequence = 1, AtUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Action = "account.sign-in",
            UserName = "a@b.org", Details = "line one\nline two", PreviousHash = AuditHash.Genesis,
        };
        entry.Hash = AuditHash.Compute(entry);
        using var writer = new StringWriter();
        await AuditCsv.WriteAsync(writer, new[] { entry }.ToAsyncEnumerable());
        var text = writer.ToString();
        Assert.StartsWith(AuditCsv.Header + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("\"line one\nline two\"", text, StringComparison.Ordinal);
        Assert.EndsWith(entry.Hash + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_any_field_changes_the_hash()
    {
        var entry = new AuditEntry { Sequence = 7, AtUtc = DateTime.UnixEpoch, Action = "x", UserName = "a|b", Details = "c", PreviousHash = AuditHash.Genesis };
        var original = AuditHash.Compute(entry);
        entry.UserName = "a";
        entry.Details = "b|c";
        Assert.NotEqual(original, AuditHash.Compute(entry));
    }
}
