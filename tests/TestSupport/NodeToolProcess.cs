using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PrivateLending.TestSupport;

/// <summary>
/// A node tool from deploy/local (dynalite, s3rver, maildev) in its own process on loopback ports: started through
/// node-watchdog.js, so a killed test host leaves none behind, waited for until it answers, and killed on
/// <see cref="Stop"/>. What it prints is kept for the error when it does not start.
/// </summary>
/// <param name="name">The tool's name in error messages.</param>
/// <param name="cliPath">The tool's command-line entry point.</param>
/// <param name="environment">Variables to set for the tool; a null value removes one the test host has.</param>
public sealed class NodeToolProcess(string name, string cliPath, IReadOnlyDictionary<string, string?>? environment = null)
{
    private const int Attempts = 5;
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    // Tools still running, killed when the test host exits normally; the watchdog covers a host that is killed.
    private static readonly ConcurrentDictionary<NodeToolProcess, byte> Running = new();

    private readonly StringBuilder _output = new();
    private Process? _process;

    static NodeToolProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var tool in Running.Keys)
        {
            tool.Stop();
        }
    };

    /// <summary>
    /// Starts the tool and waits until <paramref name="probe"/> succeeds. Picking a free port and then binding it is
    /// racy; a lost race shows as node exiting, and the tool is started again with the next attempt's arguments.
    /// </summary>
    /// <param name="arguments">The tool's options for an attempt (0 for the first): pick fresh ports after the first.</param>
    /// <param name="probe">One request to the tool, e.g. a listing; it throws while the tool does not answer yet.</param>
    /// <param name="probeName">What the probe asks, for the error message.</param>
    public async Task StartAsync(
        Func<int, IReadOnlyList<string>> arguments, Func<CancellationToken, Task> probe, string probeName,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var process = Launch(arguments(attempt));
            var reason = await WaitUntilAnsweringAsync(process, probe, probeName, cancellationToken);
            if (reason is null)
            {
                return;
            }

            Stop();
            if (attempt >= Attempts - 1)
            {
                throw new InvalidOperationException($"{name} did not start: {reason}\n{Output()}");
            }
        }
    }

    /// <summary>Kills the tool (no graceful shutdown, as a crash would); nothing when it is not running.</summary>
    public void Stop()
    {
        Running.TryRemove(this, out _);
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private Process Launch(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.DeployLocal,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "node-watchdog.js"));
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(cliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node; is Node.js installed?");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Running[this] = 0;
        return process;
    }

    /// <returns>Null once the probe succeeds; otherwise why the tool is not usable.</returns>
    private static async Task<string?> WaitUntilAnsweringAsync(
        Process process, Func<CancellationToken, Task> probe, string probeName, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < AnswerWithin)
        {
            if (process.HasExited)
            {
                return $"node exited with code {process.ExitCode}";
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(ProbeTimeout);
                await probe(attempt.Token);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or listening but not ready: both clear up within moments.
                last = ex;
                await Task.Delay(50, cancellationToken);
            }
        }

        return $"it did not answer {probeName} within {AnswerWithin.TotalSeconds:0} s (last: {last?.Message})";
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
