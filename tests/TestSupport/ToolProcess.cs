using System.Diagnostics;

namespace PrivateLending.TestSupport;

/// <summary>Runs a command-line tool (npm, node) to completion and hands back what it printed.</summary>
public static class ToolProcess
{
    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>; stdout and stderr come back together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}; is it installed and on PATH?");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, $"{await output}\n{await errors}");
    }
}
