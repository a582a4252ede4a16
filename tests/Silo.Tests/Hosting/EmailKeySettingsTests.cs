using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Hosting.Security;
using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary><c>Security:EmailKeySecret</c>: required outside Development, base64 of at least 32 bytes, shared by every host.</summary>
public sealed class EmailKeySettingsTests
{
    [Theory]
    [InlineData("Production", null, "Security:EmailKeySecret is required outside Development")]
    [InlineData("Staging", " ", "Security:EmailKeySecret is required outside Development")]
    [InlineData("Production", "not base64!", "Security:EmailKeySecret is not base64")]
    [InlineData("Production", "c2hvcnQtc2VjcmV0", "Security:EmailKeySecret is too short")]
    [InlineData("Production", TestSecrets.EmailKeySecret, null)]
    [InlineData("Development", null, null)]
    public void Validate_Secret_RefusedWithTheSettingNamedOrAccepted(string environment, string? secret, string? error)
    {
        var result = new EmailKeySettingsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new EmailKeySettings { EmailKeySecret = secret });

        if (error is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(error, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddEmailKeys_ConfiguredSecret_KeysOfThatSecret()
    {
        using var services = Services(Environments.Production, TestSecrets.EmailKeySecret);

        Assert.Equal(EmailKeys.FromBase64(TestSecrets.EmailKeySecret).For("ann@example.com"),
            services.GetRequiredService<EmailKeys>().For("ann@example.com"));
    }

    [Fact]
    public void AddEmailKeys_DevelopmentWithoutSecret_SameKeysInEveryProcess()
    {
        using var silo = Services(Environments.Development, null);
        using var api = Services(Environments.Development, null);

        Assert.Equal(silo.GetRequiredService<EmailKeys>().For("ann@example.com"), api.GetRequiredService<EmailKeys>().For("ann@example.com"));
    }

    [Fact]
    public void AddEmailKeys_ProductionWithoutSecret_OptionsRefused()
    {
        using var services = Services(Environments.Production, null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailKeySettings>>().Value);
        Assert.Contains("Security:EmailKeySecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloProcess_ProductionWithoutSecret_ExitsNamingTheSetting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            "http://127.0.0.1:9", "email-keys-unused", "email-keys", TimeSpan.FromSeconds(60),
            settings: new Dictionary<string, string> { ["Security__EmailKeySecret"] = "" }));

        Assert.Contains("Security:EmailKeySecret is required outside Development", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string environment, string? secret)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Security:EmailKeySecret"] = secret })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment })
            .AddLogging(logging => logging.ClearProviders())
            .AddEmailKeys()
            .BuildServiceProvider();
    }
}
