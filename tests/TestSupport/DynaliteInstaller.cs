using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace PrivateLending.TestSupport;

/// <summary>
/// Runs <c>npm ci</c> in deploy/local when dynalite is not installed yet. Several test assemblies start at once, so the
/// install is guarded by an exclusive lock file shared by every process on the machine.
/// </summary>
public static class DynaliteInstaller
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>dynalite's command-line entry point.</summary>
    public static string CliPath => Path.Combine(RepoPaths.DeployLocal, "node_modules", "dynalite", "cli.js");

    // npm writes node_modules/.package-lock.json last, so its presence means a finished install, not a half-copied one.
    private static bool IsInstalled =>
        File.Exists(CliPath) && File.Exists(Path.Combine(RepoPaths.DeployLocal, "node_modules", ".package-lock.json"));

    /// <summary>Makes sure dynalite is installed, installing it at most once across processes.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (IsInstalled)
        {
            return;
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await AcquireFileLockAsync(cancellationToken);
            if (!IsInstalled)
            {
                await RunNpmCiAsync(cancellationToken);
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        // One lock per checkout: kept in the temp folder so it never shows up in the work tree.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RepoPaths.Root)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"privatelending-npm-{id}.lock");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = RepoPaths.DeployLocal,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm; is Node.js installed?");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !IsInstalled)
        {
            throw new InvalidOperationException(
                $"'npm ci' in {RepoPaths.DeployLocal} failed with exit code {npm.ExitCode}:\n{await output}\n{await errors}");
        }
    }
}
