using System.Text.Json.Nodes;
using PrivateLending.Deploy.Tests.Infrastructure;

namespace PrivateLending.Deploy.Tests;

/// <summary>
/// The alert rules and the dashboard in deploy/observability select only metrics the API and the silo export today,
/// read from their /metrics: a renamed instrument or label-less typo fails here, not silently in production.
/// </summary>
public sealed class ObservabilityAsCodeTests(ExportedMetrics exported) : IClassFixture<ExportedMetrics>
{
    // Series Prometheus makes itself for every scrape target, not exported by any process.
    private static readonly HashSet<string> PrometheusSeries = new(StringComparer.Ordinal) { "up" };

    private static string Folder => Path.Combine(DeployFiles.Root, "observability");

    [Fact]
    public void AlertRules_EveryMetricName_IsExportedByTheApiOrTheSilo()
    {
        var rules = Yaml.LoadAll(Path.Combine(Folder, "alerts.yaml")).Single()["groups"].List
            .SelectMany(group => group["rules"].List)
            .ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            var name = rule["alert"].Scalar;
            Assert.False(string.IsNullOrWhiteSpace(name), "every rule is an alert with a name");
            Assert.True(rule["labels"]["severity"].Scalar is "critical" or "warning", $"{name}: severity must be critical or warning");
            Assert.False(string.IsNullOrWhiteSpace(rule["annotations"]["summary"].Scalar), $"{name} has no summary");
            AssertExported($"alert {name}", rule["expr"].Scalar!);
        });
    }

    [Fact]
    public void AlertRules_EachRunbook_IsAHeadingOfTheOperationsGuide()
    {
        var guide = File.ReadAllText(Path.Combine(DeployFiles.Root, "..", "docs", "operations.md"));
        var rules = Yaml.LoadAll(Path.Combine(Folder, "alerts.yaml")).Single()["groups"].List.SelectMany(group => group["rules"].List);

        Assert.All(rules, rule =>
        {
            var runbook = rule["annotations"]["runbook"].Scalar ?? "";
            Assert.StartsWith("docs/operations.md#", runbook, StringComparison.Ordinal);
            Assert.Contains($"### {rule["alert"].Scalar}", guide, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Dashboard_EveryMetricName_IsExportedByTheApiOrTheSilo()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "grafana-dashboard.json")))!;
        var expressions = Expressions(dashboard).ToList();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, expression => AssertExported("dashboard", expression));
    }

    private void AssertExported(string where, string expression)
    {
        var names = PromQl.MetricNames(expression);
        Assert.True(names.Count > 0, $"{where}: no metric in '{expression}'");
        var missing = names.Where(n => !exported.Names.Contains(n) && !PrometheusSeries.Contains(n)).ToList();
        Assert.True(missing.Count == 0,
            $"{where} uses {string.Join(", ", missing)}, which neither the API nor the silo exports. Exported:\n{string.Join("\n", exported.Names.Order(StringComparer.Ordinal))}");
    }

    // Every "expr" of every panel target (and template query), wherever it sits in the dashboard.
    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "expr" && p.Value is JsonValue value
            ? [value.GetValue<string>()]
            : Expressions(p.Value)),
        JsonArray array => array.SelectMany(Expressions),
        _ => [],
    };
}
