using Amazon.DynamoDBv2.Model;
using Orleans;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>The test server itself: data survives a hard restart, and dispose removes process and data.</summary>
public sealed class DynaliteServerTests
{
    [Fact]
    public async Task Restart_AfterKill_KeepsTablesAndState()
    {
        string dataDirectory;
        await using (var server = await DynaliteServer.StartAsync())
        {
            dataDirectory = server.DataDirectory;
            var grain = NewGrainId();
            var state = new GrainState<AccountState>(Account("durable", 12.34m));
            using (var storage = Build(server.ServiceUrl))
            {
                await storage.InitializeAsync(CancellationToken.None);
                await storage.WriteStateAsync("s", grain, state);
            }

            await server.RestartAsync();

            using var after = Build(server.ServiceUrl, o => o.CreateTableIfNotExists = false);
            await after.InitializeAsync(CancellationToken.None);
            var read = Empty<AccountState>();
            await after.ReadStateAsync("s", grain, read);
            Assert.Equal(state.ETag, read.ETag);
            Assert.Equal(12.34m, read.Loaded().Balance);
        }

        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task Stop_ThenCall_FailsToConnect()
    {
        await using var server = await DynaliteServer.StartAsync();
        using var client = server.CreateClient();
        await client.ListTablesAsync(new ListTablesRequest());

        server.Stop();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ListTablesAsync(new ListTablesRequest()));
    }
}
