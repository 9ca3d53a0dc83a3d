using TeleDerm.Testing;

namespace TeleDerm.Web.Tests.Hosting;

/// <summary>The image cannot be built here (no Docker engine); this checks what can be: everything it copies exists.</summary>
public class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void Every_path_the_Dockerfile_copies_from_the_repository_exists()
    {
        var sources = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(Path.Combine(RepoPaths.Root, source)) || Directory.Exists(Path.Combine(RepoPaths.Root, source)),
            $"Dockerfile copies {source}, which does not exist"));
    }

    [Fact]
    public void The_published_project_and_the_entry_point_are_the_web_host()
    {
        Assert.Contains(Lines, l => l.Contains("dotnet publish src/TeleDerm.Web/TeleDerm.Web.csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src/TeleDerm.Web/TeleDerm.Web.csproj")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"TeleDerm.Web.dll\"]", Lines);
    }
}
