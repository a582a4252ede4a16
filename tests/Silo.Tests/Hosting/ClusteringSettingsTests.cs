using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using PrivateLending.Clustering;
using PrivateLending.Silo.Clustering;
using PrivateLending.Silo.Hosting;
using PrivateLending.Silo.Reminders;
using Xunit;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>The silo's clustering settings as an operator writes them (wiring only; nothing is started).</summary>
public sealed class ClusteringSettingsTests
{
    [Fact]
    public async Task AddPrivateLendingSilo_Defaults_UsesDynamoDbMembershipAndRemindersOnLoopback()
    {
        await using var app = Build(new() { ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1" });

        Assert.IsType<DynamoDbMembershipTable>(app.Services.GetRequiredService<IMembershipTable>());
        Assert.IsType<DynamoDbReminderTable>(app.Services.GetRequiredService<IReminderTable>());
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal((IPAddress.Loopback, 11111, 30000), (endpoints.AdvertisedIPAddress, endpoints.SiloPort, endpoints.GatewayPort));
        var tables = app.Services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value;
        Assert.Equal(("PrivateLendingMembership", "http://127.0.0.1:1"), (tables.MembershipTableName, tables.ServiceUrl));
        Assert.Equal("PrivateLendingReminders", app.Services.GetRequiredService<IOptions<DynamoDbReminderOptions>>().Value.ReminderTableName);
    }

    [Fact]
    public async Task AddPrivateLendingSilo_ExplicitSettings_AreApplied()
    {
        await using var app = Build(new()
        {
            ["Cluster:Mode"] = "DynamoDb",
            ["Cluster:AdvertisedIPAddress"] = "10.1.2.3",
            ["Cluster:ClusterId"] = "blue",
            ["DynamoDb:MembershipTableName"] = "members",
            ["DynamoDb:ReminderTableName"] = "reminders",
            ["DynamoDb:TableName"] = "grains",
        });

        Assert.Equal(IPAddress.Parse("10.1.2.3"), app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
        Assert.Equal("blue", app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        Assert.Equal("members", app.Services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value.MembershipTableName);
        Assert.Equal("reminders", app.Services.GetRequiredService<IOptions<DynamoDbReminderOptions>>().Value.ReminderTableName);
    }

    [Fact]
    public async Task AddPrivateLendingSilo_Localhost_UsesOrleansDevelopmentMembership()
    {
        await using var app = Build(new() { ["Cluster:Mode"] = "Localhost", ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1" });

        Assert.IsNotType<DynamoDbMembershipTable>(app.Services.GetService<IMembershipTable>());
        Assert.IsType<DynamoDbReminderTable>(app.Services.GetRequiredService<IReminderTable>());
    }

    [Theory]
    [InlineData("Orleans:Clustering", "DynamoDb", "Cluster:Mode")]
    [InlineData("Orleans:SiloPort", "11112", "Cluster:SiloPort")]
    [InlineData("Orleans:AdvertisedIPAddress", "10.1.2.3", "Cluster:AdvertisedIPAddress")]
    public void AddPrivateLendingSilo_SettingLeftUnderOrleans_FailsNamingItsNewKey(string oldKey, string value, string newKey)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new() { ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1", [oldKey] = value }));

        Assert.Contains($"{oldKey} is now {newKey}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPrivateLendingSilo_Defaults_ListensOnLoopbackOnly()
    {
        await using var app = Build(new() { ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1" });

        // No listening endpoint of its own: Orleans listens on the advertised one, loopback by default.
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Null(endpoints.GatewayListeningEndpoint);
        Assert.Null(endpoints.SiloListeningEndpoint);
        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
    }

    [Theory]
    [InlineData("203.0.113.7", false, false)]
    [InlineData("2001:db8::7", false, false)]
    [InlineData("203.0.113.7", true, true)]
    [InlineData("10.1.2.3", false, true)]
    [InlineData("172.28.0.11", false, true)]
    [InlineData("192.168.1.5", false, true)]
    [InlineData("fd00::5", false, true)]
    [InlineData("127.0.0.1", false, true)]
    public async Task AddPrivateLendingSilo_AdvertisedAddress_PublicOnlyWhenAllowed(string address, bool allowPublic, bool accepted)
    {
        await using var app = Build(new()
        {
            ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1",
            ["Cluster:AdvertisedIPAddress"] = address,
            ["Cluster:AllowPublicAddress"] = allowPublic ? "true" : "false",
        });

        var read = Record.Exception(() => app.Services.GetRequiredService<IOptions<ClusterSettings>>().Value);

        if (accepted)
        {
            Assert.Null(read);
        }
        else
        {
            Assert.Contains("Cluster:AllowPublicAddress", Assert.IsType<OptionsValidationException>(read).Message, StringComparison.Ordinal);
        }
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:ClientSecret"] = PrivateLending.TestSupport.TestSecrets.ClusterClientSecret });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrivateLendingSilo();
        return builder.Build();
    }
}
