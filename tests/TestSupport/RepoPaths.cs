namespace PrivateLending.TestSupport;

/// <summary>Locations inside the repository, found from the test assembly's directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding PrivateLending.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>deploy/local: package.json and the lock file that pin dynalite.</summary>
    public static string DeployLocal => Path.Combine(Root, "deploy", "local");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivateLending.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PrivateLending.sln above {AppContext.BaseDirectory}; tests must run from inside the repository.");
    }
}
