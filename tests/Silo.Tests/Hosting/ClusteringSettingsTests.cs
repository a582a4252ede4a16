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
    public async Task AddPrivateLendingSilo_ExplicitSettings_AreAppliedAndOrleansAcceptsTheModeKey()
    {
        // Orleans reads Orleans:Clustering as a provider section of its own: without hiding it this throws while wiring.
        await using var app = Build(new()
        {
            ["Orleans:Clustering"] = "DynamoDb",
            ["Orleans:AdvertisedIPAddress"] = "10.1.2.3",
            ["Orleans:ClusterId"] = "blue",
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
        await using var app = Build(new() { ["Orleans:Clustering"] = "Localhost", ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1" });

        Assert.IsNotType<DynamoDbMembershipTable>(app.Services.GetService<IMembershipTable>());
        Assert.IsType<DynamoDbReminderTable>(app.Services.GetRequiredService<IReminderTable>());
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrivateLendingSilo();
        return builder.Build();
    }
}
