using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amazon.DynamoDBv2;
using PrivateLending.Deploy.Tests.Infrastructure;
using PrivateLending.Silo.Storage;
using PrivateLending.TestSupport;

namespace PrivateLending.Deploy.Tests;

/// <summary>
/// The IAM policies grant exactly the DynamoDB actions the program's code calls (found by scanning its sources, and
/// those of the projects it references, for calls to <see cref="IAmazonDynamoDB"/> methods), on the tables its
/// settings name: a new call without a permission, or a permission nothing uses, fails here.
/// </summary>
public sealed partial class IamPolicyTests
{
    [Theory]
    [InlineData(App.Silo, "silo-policy.json", "src/Silo/Silo.csproj")]
    [InlineData(App.Api, "api-policy.json", "src/Api/Api.csproj")]
    public void Policy_GrantsExactlyTheDynamoDbCallsInTheCode(App app, string policyFile, string project)
    {
        var called = DynamoDbCalls(project);
        var granted = Statements(policyFile).SelectMany(s => s.Actions).ToHashSet(StringComparer.Ordinal);

        var missing = called.Except(granted).Order(StringComparer.Ordinal).ToList();
        var unused = granted.Except(called).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && unused.Count == 0,
            $"{app}: called but not granted: [{string.Join(", ", missing)}]; granted but never called: [{string.Join(", ", unused)}]");
    }

    [Fact]
    public void Policies_AreScopedToNamedTables()
    {
        foreach (var file in new[] { "silo-policy.json", "api-policy.json" })
        {
            Assert.All(Statements(file), statement =>
            {
                Assert.NotEmpty(statement.Resources);
                Assert.All(statement.Resources, arn => Assert.Matches(@"^arn:aws:dynamodb:REGION:ACCOUNT_ID:table/[A-Za-z0-9_.-]+(/index/[A-Za-z0-9_.*-]+)?$", arn));
                Assert.All(statement.Actions, action => Assert.StartsWith("dynamodb:", action, StringComparison.Ordinal));
            });
        }
    }

    [Theory]
    [InlineData(App.Silo, "silo-policy.json")]
    [InlineData(App.Api, "api-policy.json")]
    public void Policy_CoversEveryTableTheKubernetesSettingsName(App app, string policyFile)
    {
        var tables = DeployFiles.K8sContainers().Where(c => c.App == app)
            .SelectMany(c => c.Env)
            .Where(e => e.Name.StartsWith("DynamoDb__", StringComparison.Ordinal) && e.Name.EndsWith("TableName", StringComparison.Ordinal))
            .Select(e => e.Value!)
            .ToList();
        if (app == App.Silo)
        {
            tables.Add(new DynamoDbStorageOptions().TableName);
        }

        var resources = Statements(policyFile).SelectMany(s => s.Resources).Select(arn => arn[(arn.LastIndexOf('/') + 1)..]).ToHashSet();
        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.Contains(table, resources));
    }

    private sealed record Statement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);

    private static List<Statement> Statements(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(DeployFiles.Root, "aws", file)));
        return [.. json.RootElement.GetProperty("Statement").EnumerateArray().Select(s =>
        {
            Assert.Equal("Allow", s.GetProperty("Effect").GetString());
            return new Statement(Strings(s.GetProperty("Action")), Strings(s.GetProperty("Resource")));
        })];

        static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : [value.GetString()!];
    }

    /// <summary>"dynamodb:Op" for every IAmazonDynamoDB method OpAsync called in the project or the projects it references.</summary>
    private static HashSet<string> DynamoDbCalls(string project)
    {
        var operations = typeof(IAmazonDynamoDB).GetMethods()
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            .ToHashSet(StringComparer.Ordinal);
        var calls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in ProjectDirectories(Path.Combine(RepoPaths.Root, project)))
        {
            foreach (var source in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match call in AsyncCall().Matches(File.ReadAllText(source)))
                {
                    if (operations.Contains(call.Groups["op"].Value))
                    {
                        calls.Add("dynamodb:" + call.Groups["op"].Value);
                    }
                }
            }
        }

        return calls;
    }

    private static IEnumerable<string> ProjectDirectories(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        while (pending.TryPop(out var file))
        {
            if (!seen.Add(file))
            {
                continue;
            }

            yield return Path.GetDirectoryName(file)!;
            foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include)));
            }
        }
    }

    [GeneratedRegex(@"\.(?<op>[A-Z][A-Za-z]+)Async\s*\(")]
    private static partial Regex AsyncCall();
}
