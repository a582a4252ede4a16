using System.Diagnostics;
using System.Globalization;

namespace PrivateLending.Benchmarks.Measurement;

/// <summary>
/// Runs `dotnet-trace collect-linux --profile cpu-sampling` (kernel perf_events CPU samples with managed and native
/// stacks; needs root) against the API and the silo for a measured window, then writes
/// `dotnet-trace report … topN --inclusive` next to each trace: the share of on-CPU samples under each frame.
/// The sampler perturbs what it measures: use a separate run for the figures.
/// </summary>
internal sealed class StackSampler(string tool, string directory)
{
    private readonly List<(string Name, Process Process, string Output)> _running = [];

    public void Start(string scenario, TimeSpan duration, IEnumerable<(string Name, int Pid)> targets)
    {
        Directory.CreateDirectory(directory);
        var seconds = Math.Max(1, (int)duration.TotalSeconds);
        foreach (var (name, pid) in targets)
        {
            var output = Path.Combine(directory, $"{scenario}-{name}.nettrace");
            var info = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in new[]
            {
                "collect-linux", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", "cpu-sampling",
                "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", output,
            })
            {
                info.ArgumentList.Add(argument);
            }

            try
            {
                var process = Process.Start(info);
                if (process is not null)
                {
                    _ = process.StandardOutput.ReadToEndAsync();
                    _ = process.StandardError.ReadToEndAsync();
                    _running.Add((name, process, output));
                }
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                Console.WriteLine($"    could not start {tool}: {exception.Message}");
            }
        }
    }

    /// <summary>Waits for the traces to be written and reports the top frames.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, process, output) in _running)
        {
            using (process)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(90));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }
            }

            if (!File.Exists(output))
            {
                Console.WriteLine($"    no trace written for {name}");
                continue;
            }

            var report = await RunAsync(["report", output, "topN", "-n", "150", "--inclusive"], cancellationToken);
            var file = Path.ChangeExtension(output, ".top-inclusive.txt");
            await File.WriteAllTextAsync(file, report, cancellationToken);
            Console.WriteLine($"    {name}: {file}");
        }

        _running.Clear();
    }

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return await output + await error;
    }
}
