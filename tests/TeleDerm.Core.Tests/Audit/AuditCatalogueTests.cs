using System.Reflection;
using System.Text.RegularExpressions;
using TeleDerm.Core.Audit;
using TeleDerm.Core.Cases;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Audit;

/// <summary>Every audited action is named once, in <see cref="AuditActions"/>, and listed in docs/audit-actions.md.</summary>
public sealed partial class AuditCatalogueTests
{
    private static IReadOnlyList<string> Catalogue() =>
    [
        .. typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
        .. Enum.GetValues<CaseAction>().Select(AuditActions.ForCaseAction),
    ];

    [GeneratedRegex(@"^[a-z][a-z-]*(\.[a-z][a-z-]*)+$")]
    private static partial Regex ActionName();

    [Fact]
    public void Every_action_name_is_unique_and_written_the_same_way()
    {
        var names = Catalogue();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.Matches(ActionName(), name));
        Assert.Equal("case.convert-to-appointment", AuditActions.ForCaseAction(CaseAction.ConvertToAppointment));
    }

    [Fact]
    public void No_code_writes_an_action_name_outside_the_catalogue()
    {
        var names = Catalogue().ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("AuditActions.cs", StringComparison.Ordinal));
        var found = new List<string>();
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            found.AddRange(Literal().Matches(text).Select(m => m.Groups[1].Value).Where(names.Contains).Select(name => $"{Path.GetFileName(file)}: \"{name}\""));
            found.AddRange(LiteralAuditEvent().Matches(text).Select(m => $"{Path.GetFileName(file)}: {m.Value}"));
        }
        Assert.True(found.Count == 0, "Use AuditActions instead of:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_documentation_lists_every_action()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "audit-actions.md"));
        var missing = Catalogue().Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/audit-actions.md does not list: " + string.Join(", ", missing));
    }

    [GeneratedRegex("\"([a-z][a-z-]*(?:\\.[a-z][a-z-]*)+)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("(new AuditEvent|RecordAsync)\\(\"[^\"]*\"")]
    private static partial Regex LiteralAuditEvent();
}
