using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Security;

/// <summary>Secrets published with the deployment examples, or none for the cluster, stop the API outside Development.</summary>
[Collection(SharedApi.Name)]
public sealed class StartupSecretsTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("Jwt:SigningKey", "laptop-only-signing-key-not-for-any-shared-use")]
    [InlineData("Jwt:SigningKey", "change-me-to-32-or-more-random-bytes-of-secret")]
    [InlineData("Security:EmailKeySecret", "bGFwdG9wLW9ubHktZW1haWwta2V5LXNlY3JldC0wMTIzNDU2Nzg5")]
    [InlineData("Cluster:ClientSecret", "laptop-only-cluster-client-secret-not-for-any-shared-use")]
    public async Task Start_PublishedPlaceholderSecret_FailsNamingTheSetting(string setting, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => fixture.StartApiAsync(new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains($"{setting} holds a placeholder", ApiHosting.DescribeSettingsFailure(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoClusterClientSecretOutsideDevelopment_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => fixture.StartApiAsync(new Dictionary<string, string?> { ["Cluster:ClientSecret"] = null }));

        Assert.Contains("Cluster:ClientSecret is required outside Development", ApiHosting.DescribeSettingsFailure(failure), StringComparison.Ordinal);
    }
}
