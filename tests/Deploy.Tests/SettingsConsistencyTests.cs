using PrivateLending.Deploy.Tests.Infrastructure;

namespace PrivateLending.Deploy.Tests;

/// <summary>
/// Every environment variable the compose file, the Kubernetes manifests and the Dockerfiles set must be a setting
/// the program really reads, so a renamed or removed setting cannot silently leave a deployment on its default.
/// </summary>
public sealed class SettingsConsistencyTests
{
    [Fact]
    public void EveryVariableTheDeployFilesSet_IsASettingOfTheProgram()
    {
        var settings = DeployFiles.ComposeEnvironment()
            .Concat(DeployFiles.K8sContainers().SelectMany(c => c.Env))
            .Concat(DeployFiles.DockerfileEnvironment())
            .ToList();
        var catalogs = new Dictionary<App, SettingsCatalog> { [App.Silo] = SettingsCatalog.For(App.Silo), [App.Api] = SettingsCatalog.For(App.Api) };

        var unknown = settings
            .Select(s => (Setting: s, Why: catalogs[s.App].Explain(s.Name)))
            .Where(x => x.Why is not null)
            .Select(x => $"{x.Setting.App} {x.Setting.Name} ({x.Setting.Origin}): {x.Why}")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, $"{unknown.Count} unknown setting(s):\n{string.Join("\n", unknown)}");
    }

    [Fact]
    public void DeployFiles_SetSettingsForBothPrograms()
    {
        // Guards the test above against passing because the files were not found or not understood.
        var compose = DeployFiles.ComposeEnvironment();
        var k8s = DeployFiles.K8sContainers();

        Assert.Contains(compose, s => s.App == App.Silo && s.Name == "DynamoDb__ServiceUrl");
        Assert.Contains(compose, s => s.App == App.Api && s.Name == "Jwt__SigningKey");
        Assert.Contains(k8s, c => c.App == App.Silo && c.Env.Any(e => e.Name == "Kubernetes__Enabled"));
        Assert.Contains(k8s, c => c.App == App.Api && c.Env.Any(e => e.Name == "Jwt__SigningKey"));
        Assert.Contains(DeployFiles.DockerfileEnvironment(), s => s.App == App.Silo && s.Name == "Cluster__GatewayPort");
    }

    [Theory]
    [InlineData(App.Silo, "DynamoDb__TableName")]
    [InlineData(App.Silo, "dynamodb__tablename")]
    [InlineData(App.Silo, "Dashboard__Password")]
    [InlineData(App.Silo, "Kubernetes__Enabled")]
    [InlineData(App.Silo, "POD_NAME")]
    [InlineData(App.Api, "Cors__AllowedOrigins__0")]
    [InlineData(App.Api, "Jwt__SigningKey")]
    [InlineData(App.Api, "ASPNETCORE_URLS")]
    public void Catalog_RealSetting_IsKnown(App app, string variable) =>
        Assert.Null(SettingsCatalog.For(app).Explain(variable));

    [Theory]
    [InlineData(App.Silo, "DynamoDb__TableNmae")]
    [InlineData(App.Silo, "Jwt__SigningKey")]
    [InlineData(App.Silo, "Dashboard__RequiresAuthentication")]
    [InlineData(App.Api, "DynamoDb__TableName")]
    [InlineData(App.Api, "Cors__AllowedOrigins__first")]
    [InlineData(App.Api, "POD_NAME")]
    [InlineData(App.Api, "Nonsense__Key")]
    public void Catalog_MadeUpOrMisplacedSetting_IsUnknown(App app, string variable) =>
        Assert.NotNull(SettingsCatalog.For(app).Explain(variable));
}
