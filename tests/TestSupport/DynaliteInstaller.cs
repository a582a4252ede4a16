namespace PrivateLending.TestSupport;

/// <summary>Installs dynalite from deploy/local (<c>npm ci</c>) when it is not installed yet.</summary>
public static class DynaliteInstaller
{
    private static readonly NpmFolder DeployLocal = new(RepoPaths.DeployLocal, CliPath);

    /// <summary>dynalite's command-line entry point.</summary>
    public static string CliPath => Path.Combine(RepoPaths.DeployLocal, "node_modules", "dynalite", "cli.js");

    /// <summary>Makes sure dynalite is installed, installing it at most once across processes.</summary>
    public static Task EnsureInstalledAsync(CancellationToken cancellationToken = default) =>
        DeployLocal.EnsureInstalledAsync(cancellationToken);
}
