using System.Diagnostics;
using System.Text.RegularExpressions;
using PrivateLending.Deploy.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivateLending.Deploy.Tests;

/// <summary>./run.sh as a new user runs it: a cluster of three silos, then Ctrl-C in the terminal.</summary>
public sealed partial class RunScriptTests(ITestOutputHelper log)
{
    private const int Silos = 3;

    [Fact]
    public async Task CtrlC_ThreeSilos_StopsInOrderWithinFifteenSecondsAndEverySiloLeavesCleanly()
    {
        await using var run = await RunScript.StartAsync(Silos);
        await run.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));

        var clock = Stopwatch.StartNew();
        await run.InterruptProcessGroupAsync();
        var exited = await run.WaitForExitAsync(TimeSpan.FromSeconds(40));
        clock.Stop();

        var output = run.Output;
        log.WriteLine($"Ctrl-C to exit: {clock.Elapsed.TotalSeconds:0.0} s\n{output}");
        Assert.True(exited, $"run.sh still running 40 s after Ctrl-C.\n{output}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Ctrl-C took {clock.Elapsed.TotalSeconds:0.0} s.\n{output}");
        Assert.Equal(130, run.ExitCode);
        Assert.DoesNotContain("Killed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("forcing it", output, StringComparison.Ordinal);

        // The API stopped first, then the silos, then the stores; the API and every silo exited by themselves with 0.
        var stopped = StoppedLine().Matches(output).Select(m => (Name: m.Groups["name"].Value, Exit: m.Groups["exit"].Value)).ToList();
        var names = stopped.Select(s => s.Name).ToList();
        Assert.Equal(["api", "dynamodb", "maildev", "s3", "silo-1", "silo-2", "silo-3"], names.Order(StringComparer.Ordinal));
        Assert.Equal("api", names[0]);
        var lastSilo = names.FindLastIndex(n => n.StartsWith("silo-", StringComparison.Ordinal));
        Assert.True(names.IndexOf("dynamodb") > lastSilo && names.IndexOf("maildev") > lastSilo && names.IndexOf("s3") > lastSilo, output);
        Assert.All(stopped.Where(s => s.Name == "api" || s.Name.StartsWith("silo-", StringComparison.Ordinal)),
            s => Assert.True(s.Exit == "0", $"{s.Name} exited {s.Exit}.\n{output}"));

        // Each silo went through Orleans' graceful shutdown (it leaves the membership table as Dead) to the end.
        for (var i = 1; i <= Silos; i++)
        {
            var log = run.Log($"silo-{i}");
            Assert.True(SiloStoppedGracefully().IsMatch(log), $"silo-{i} log does not show a graceful stop:\n{log}");
        }
    }

    [GeneratedRegex(@"\[run\] stopped (?<name>[a-z0-9-]+) \(exit (?<exit>\d+),")]
    private static partial Regex StoppedLine();

    [GeneratedRegex(@"Orleans Silo stopped\.")]
    private static partial Regex SiloStoppedGracefully();
}
