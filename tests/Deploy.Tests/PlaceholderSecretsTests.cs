using System.Text.RegularExpressions;
using PrivateLending.Deploy.Tests.Infrastructure;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Deploy.Tests;

/// <summary>
/// Every secret value written in deploy/ (the example Kubernetes secrets, the compose file's laptop defaults) is
/// public, so each one must be on the list the programs refuse outside Development.
/// </summary>
public sealed partial class PlaceholderSecretsTests
{
    public static TheoryData<string, string> PublishedSecrets()
    {
        var checkedVariables = PlaceholderSecrets.Settings.Select(s => s.Replace(":", "__", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var data = new TheoryData<string, string>();
        foreach (var setting in DeployFiles.ComposeEnvironment().Where(s => checkedVariables.Contains(s.Name) && s.Value is not null))
        {
            // "${VARIABLE:-default}": the default is what runs when nobody sets the variable.
            data.Add($"{setting.Origin} {setting.Name}", ComposeDefault().Match(setting.Value!) is { Success: true } m ? m.Groups["default"].Value : setting.Value!);
        }

        foreach (var secret in DeployFiles.K8sObjects().Where(o => o.Doc["kind"].Scalar == "Secret"))
        {
            foreach (var (name, value) in secret.Doc["stringData"].Map.Where(p => checkedVariables.Contains(p.Key)))
            {
                data.Add($"{secret.File} {secret.Doc["metadata"]["name"].Scalar} {name}", value.Scalar!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublishedSecrets))]
    public void PublishedSecret_IsRefusedOutsideDevelopment(string where, string value) =>
        Assert.True(PlaceholderSecrets.IsPlaceholder(value), $"{where}: '{value}' is not on the list of refused placeholders");

    [Fact]
    public void PublishedSecrets_CoverEveryCheckedSettingTheDeployFilesSet()
    {
        var names = PublishedSecrets().Select(row => ((string)row[0]).Split(' ')[^1]).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Jwt__SigningKey", names);
        Assert.Contains("Security__EmailKeySecret", names);
        Assert.Contains("Cluster__ClientSecret", names);
        Assert.Contains("Dashboard__Password", names);
    }

    [GeneratedRegex(@"^\$\{[A-Z_]+:-(?<default>.*)\}$")]
    private static partial Regex ComposeDefault();
}
