using System.Text.RegularExpressions;
using System.Xml.Linq;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests;

/// <summary>
/// The projects of src/ reference exactly the projects docs/architecture.md says they depend on: a new
/// reference (Core on Web, Imaging on Core…) fails here until the architecture says why.
/// </summary>
public sealed partial class ArchitectureTests
{
    [GeneratedRegex(@"^\| `src/TeleDerm\.(?<project>[A-Za-z.]+)`(?<more>(?:, `\.[A-Za-z]+`)*) \|[^|]*\| (?<deps>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex ProjectRow();

    private static Dictionary<string, SortedSet<string>> Documented()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var rows = new Dictionary<string, SortedSet<string>>();
        foreach (Match row in ProjectRow().Matches(doc))
        {
            var project = row.Groups["project"].Value;
            // "nothing", "nothing of ours" or a package name: no project of ours.
            var deps = new SortedSet<string>(row.Groups["deps"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !d.StartsWith("nothing", StringComparison.Ordinal) && !d.Contains("Microsoft", StringComparison.Ordinal)), StringComparer.Ordinal);
            rows[project] = deps;
            // "`src/TeleDerm.Migrations.Sqlite`, `.PostgreSql`, `.SqlServer`": the same row for its siblings.
            var family = project.Contains('.', StringComparison.Ordinal) ? project[..project.LastIndexOf('.')] : project;
            foreach (var sibling in row.Groups["more"].Value.Split('`', StringSplitOptions.RemoveEmptyEntries).Where(p => p.StartsWith('.')))
            {
                rows[family + sibling] = deps;
            }
        }
        return rows;
    }

    private static SortedSet<string> Referenced(string project)
    {
        var file = Path.Combine(RepoPaths.Root, "src", $"TeleDerm.{project}", $"TeleDerm.{project}.csproj");
        return new SortedSet<string>(XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)["TeleDerm.".Length..]), StringComparer.Ordinal);
    }

    [Fact]
    public void Every_project_of_src_is_in_the_architecture_document()
    {
        var documented = Documented();
        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName).Select(n => n!["TeleDerm.".Length..]);
        var missing = projects.Where(p => !documented.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "Not in docs/architecture.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Each_project_references_exactly_what_the_architecture_document_allows()
    {
        var wrong = Documented()
            .Select(row => (Project: row.Key, Allowed: row.Value, Actual: Referenced(row.Key)))
            .Where(p => !p.Allowed.SetEquals(p.Actual))
            .Select(p => $"{p.Project}: documented [{string.Join(", ", p.Allowed)}], referenced [{string.Join(", ", p.Actual)}]")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_domain_references_no_project_of_ours()
    {
        Assert.Empty(Referenced("Core"));
    }
}
