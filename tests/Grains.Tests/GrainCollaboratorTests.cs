using PrivateLending.TestSupport;

namespace PrivateLending.Grains.Tests;

/// <summary>
/// Grains take what they use through their constructors, so a grain's dependencies are read in one place and a test
/// silo that lacks one fails at activation with the missing type named, not later inside some call.
/// </summary>
public sealed class GrainCollaboratorTests
{
    [Fact]
    public void GrainSources_NoServiceProviderLookUps_CollaboratorsComeThroughConstructors()
    {
        var grains = Path.Combine(RepoPaths.Root, "src", "Grains");
        var lookUps = Directory.EnumerateFiles(grains, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(grains, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("ServiceProvider.", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(lookUps);
    }
}
