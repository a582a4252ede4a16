using System.Diagnostics;
using System.Text;

namespace PrivateLending.Benchmarks.Hosting;

/// <summary>
/// Starts child processes with their output sent to log files (by the shell, so the harness pumps no pipes) and
/// stops every one of them on dispose: SIGTERM, a grace period, then SIGKILL of the whole tree.
/// </summary>
internal sealed class ProcessHost : IDisposable
{
    private readonly List<ChildProcess> _children = [];
    private readonly object _gate = new();

    public ProcessHost(string logDirectory)
    {
        LogDirectory = logDirectory;
        Directory.CreateDirectory(logDirectory);
    }

    public string LogDirectory { get; }

    public ChildProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var log = Path.Combine(LogDirectory, name + ".log");
        var script = new StringBuilder("exec");
        foreach (var part in command)
        {
            script.Append(' ').Append(Quote(part));
        }

        script.Append(" >>").Append(Quote(log)).Append(" 2>&1");
        var info = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script.ToString());
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        var child = new ChildProcess(name, process, log);
        lock (_gate)
        {
            _children.Add(child);
        }

        Console.WriteLine($"  started {name} (pid {process.Id}, log {log})");
        return child;
    }

    public void Stop(ChildProcess child, TimeSpan grace)
    {
        lock (_gate)
        {
            _children.Remove(child);
        }

        child.Stop(grace);
    }

    public void Dispose()
    {
        List<ChildProcess> children;
        lock (_gate)
        {
            children = [.. _children];
            _children.Clear();
        }

        for (var i = children.Count - 1; i >= 0; i--)
        {
            children[i].Stop(TimeSpan.FromSeconds(10));
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

internal sealed class ChildProcess(string name, Process process, string logPath)
{
    public string Name { get; } = name;

    public Process Process { get; } = process;

    public string LogPath { get; } = logPath;

    public int Id => Process.Id;

    public bool HasExited => Process.HasExited;

    /// <summary>User + system CPU time consumed so far (from /proc on Linux).</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            Process.Refresh();
            return Process.HasExited ? TimeSpan.Zero : Process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    public string Tail(int lines = 30)
    {
        try
        {
            var all = File.ReadAllLines(LogPath);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public void Stop(TimeSpan grace)
    {
        try
        {
            if (Process.HasExited)
            {
                return;
            }

            using (var term = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term?.WaitForExit(2000);
            }

            if (!Process.WaitForExit(grace))
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        finally
        {
            Process.Dispose();
        }
    }
}
