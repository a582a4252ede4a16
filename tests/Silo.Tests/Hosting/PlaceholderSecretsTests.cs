using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using PrivateLending.Hosting.Security;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>The start-up check shared by both hosts: published placeholder secrets pass in Development only.</summary>
public sealed class PlaceholderSecretsTests
{
    [Theory]
    [InlineData("Production", "Dashboard:Password", "change-me-at-least-12-chars", false)]
    [InlineData("Testing", "Dashboard:Password", "local-dashboard-password", false)]
    [InlineData("Production", "Security:EmailKeySecret", "Y2hhbmdlLW1lLXRvLTMyLW9yLW1vcmUtcmFuZG9tLWJ5dGVz", false)]
    [InlineData("Production", "Cluster:ClientSecret", "Change-Me-please-0123456789-0123456789", false)]
    [InlineData("Production", "Cluster:ClientSecret", TestSecrets.ClusterClientSecret, true)]
    [InlineData("Development", "Dashboard:Password", "change-me-at-least-12-chars", true)]
    public void Validate_Setting_RefusedOutsideDevelopmentWhenPublished(string environment, string setting, string value, bool accepted)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build();

        var result = new PlaceholderSecretsValidator(configuration, new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new PlaceholderSecretsCheck());

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains($"{setting} holds a placeholder", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SiloProcess_PlaceholderDashboardPassword_ExitsNamingTheSetting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            "http://127.0.0.1:9", "placeholders-unused", "placeholders", TimeSpan.FromSeconds(60),
            settings: new Dictionary<string, string> { ["Dashboard__Username"] = "operator", ["Dashboard__Password"] = "local-dashboard-password" }));

        Assert.Contains("Dashboard:Password holds a placeholder", refused.Message, StringComparison.Ordinal);
    }
}
