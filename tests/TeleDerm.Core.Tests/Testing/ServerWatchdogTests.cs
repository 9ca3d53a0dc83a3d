using System.Diagnostics;
using TeleDerm.Testing;

namespace TeleDerm.Core.Tests.Testing;

/// <summary>A server started by a test fixture does not outlive the test process, even one that was killed.</summary>
public class ServerWatchdogTests
{
    [Fact]
    public async Task When_the_test_process_dies_the_server_is_stopped_and_its_folder_removed()
    {
        var folder = Directory.CreateTempSubdirectory("teleDerm-watchdog-test-").FullName;
        File.WriteAllText(Path.Combine(folder, "data"), "left by the server");
        using var testProcess = Process.Start("sleep", "2")!; // stands for a test host that is killed
        using var server = Process.Start("sleep", "600")!;

        ServerWatchdog.Guard(testProcess.Id, $"kill -TERM {server.Id}", folder);

        Assert.False(server.HasExited, "the server runs while the test process lives");
        await testProcess.WaitForExitAsync();
        using var waited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await server.WaitForExitAsync(waited.Token);
        for (var i = 0; i < 50 && Directory.Exists(folder); i++)
        {
            await Task.Delay(100);
        }
        Assert.False(Directory.Exists(folder), "the server's folder is removed once it stopped");
    }
}
