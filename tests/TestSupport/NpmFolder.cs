using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace PrivateLending.TestSupport;

/// <summary>
/// Runs <c>npm ci</c> in a folder of the repository that pins its packages with a lock file, when they are not
/// installed yet. Several test assemblies start at once, so the install is guarded by an exclusive lock file
/// shared by every process on the machine.
/// </summary>
/// <param name="folder">The folder holding package.json and package-lock.json.</param>
/// <param name="installedFile">A file that exists once the packages are installed, e.g. a package's entry point.</param>
public sealed class NpmFolder(string folder, string installedFile)
{
    // One gate per folder for the whole process, however many NpmFolder objects name it.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The folder holding package.json and package-lock.json.</summary>
    public string Folder { get; } = folder;

    /// <summary>
    /// Written after a finished install: the SHA-256 of the package-lock.json it installed. A lock file changed since
    /// (a new pinned version) means the folder must be installed again. run.sh and CI write the same stamp.
    /// </summary>
    public const string StampFileName = ".installed-lock-sha256";

    private string StampPath => Path.Combine(Folder, "node_modules", StampFileName);

    private string LockHash => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, "package-lock.json"))));

    // npm writes node_modules/.package-lock.json last, so its presence means a finished install, not a half-copied one.
    private bool IsInstalled =>
        File.Exists(installedFile)
        && File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json"))
        && File.Exists(StampPath)
        && string.Equals(File.ReadAllText(StampPath).Trim(), LockHash, StringComparison.Ordinal);

    /// <summary>Makes sure the packages are installed, installing them at most once across processes.</summary>
    public async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (IsInstalled)
        {
            return;
        }

        var gate = Gates.GetOrAdd(Folder, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
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
            gate.Release();
        }
    }

    private async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        // One lock per folder: kept in the temp folder so it never shows up in the work tree.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Folder)))[..16];
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

    private async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ToolProcess.RunAsync(
            "npm", Folder, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5), cancellationToken);
        if (exitCode == 0)
        {
            await File.WriteAllTextAsync(StampPath, LockHash + "\n", cancellationToken);
        }

        if (exitCode != 0 || !IsInstalled)
        {
            throw new InvalidOperationException($"'npm ci' in {Folder} failed with exit code {exitCode}:\n{output}");
        }
    }
}
