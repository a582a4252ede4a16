using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PrivateLending.TestSupport;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>
/// <c>./run.sh</c> started the way a terminal starts it: leader of a process group of its own, SIGINT not ignored,
/// on free loopback ports and a temporary data folder, running what the tests built (<c>--no-build</c>).
/// </summary>
internal sealed class RunScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunScript(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public int ApiPort { get; private init; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunScript> StartAsync(int silos)
    {
        await DynaliteInstaller.EnsureInstalledAsync();
        var data = Path.Combine(Path.GetTempPath(), "privatelending-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        // setsid: a new session and process group, as a shell gives a foreground job; env resets SIGINT and SIGTERM,
        // which a test runner started in the background may hand down ignored (bash cannot trap an ignored signal).
        var start = new ProcessStartInfo("setsid", ["env", "--default-signal=INT,TERM", "bash", "run.sh", "--silos", silos.ToString(CultureInfo.InvariantCulture), "--no-build"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // One block of free ports, so no two parts are handed the same one.
        var first = FreeRange(6 + (3 * silos));
        var apiPort = first + 1;
        var environment = new Dictionary<string, int>
        {
            ["DYNAMODB_PORT"] = first,
            ["API_PORT"] = apiPort,
            ["SMTP_PORT"] = first + 2,
            ["MAIL_WEB_PORT"] = first + 3,
            ["DASHBOARD_PORT"] = first + 4,
            ["SILO_PORT"] = first + 4 + silos,
            ["GATEWAY_PORT"] = first + 4 + (2 * silos),
            ["METRICS_PORT"] = first + 4 + (3 * silos),
            ["S3_PORT"] = first + 5 + (3 * silos),
        };
        foreach (var (name, port) in environment)
        {
            start.Environment[name] = port.ToString(CultureInfo.InvariantCulture);
        }

        start.Environment["DATA_DIR"] = data;
        start.Environment["CONFIGURATION"] = BuildConfiguration;
        var process = Process.Start(start) ?? throw new InvalidOperationException("run.sh did not start.");
        var script = new RunScript(process, data) { ApiPort = apiPort };
        process.OutputDataReceived += (_, e) => script.Append(e.Data);
        process.ErrorDataReceived += (_, e) => script.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return script;
    }

    /// <summary>Waits until run.sh prints that everything answers; fails with its output if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains("PrivateLending is ready.", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"run.sh did not become ready (exited: {_process.HasExited}).\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>What Ctrl-C in a terminal does: SIGINT to every process in the foreground process group.</summary>
    public async Task InterruptProcessGroupAsync()
    {
        var (exitCode, output) = await ToolProcess.RunAsync(
            "kill", RepoPaths.Root, ["-INT", "--", "-" + ProcessGroupOf(_process.Id).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(exitCode == 0, output);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public string Log(string name) => File.ReadAllText(Path.Combine(DataDirectory, "logs", name + ".log"));

    public async ValueTask DisposeAsync()
    {
        // Whatever a failed test left running: run.sh's group, then each part by its pid file.
        if (!_process.HasExited)
        {
            await ToolProcess.RunAsync("kill", RepoPaths.Root, ["-KILL", "--", "-" + ProcessGroupOf(_process.Id).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        }

        var pids = Path.Combine(DataDirectory, "pids");
        foreach (var file in Directory.Exists(pids) ? Directory.GetFiles(pids, "*.pid") : [])
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    using var part = Process.GetProcessById(pid);
                    part.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A part still closing its files; the temp folder is cleaned up eventually.
        }
    }

    private static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    // Field 5 of /proc/<pid>/stat, after the parenthesised command name.
    private static int ProcessGroupOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that are all free right now.</summary>
    private static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 29_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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
}
