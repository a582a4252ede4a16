using System.Globalization;
using System.Net;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>
/// A local DynamoDB, the real silo executable and the API over HTTP, for tests that break storage underneath a
/// running system. Requests go through a client whose time-out bounds every answer: a fault must be reported
/// within seconds, not by hanging.
/// </summary>
internal sealed class StorageFaultHarness : IAsyncDisposable
{
    /// <summary>
    /// Upper bound of one API answer while storage is broken: half of Orleans' 30 s response time-out, so an answer
    /// that waited for that time-out fails. The silo gives up after about 6 s (three 2 s attempts); the margin is for
    /// a loaded CI machine, where a stalled answer once took just over 10 s.
    /// </summary>
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private StorageFaultHarness(DynaliteServer dynamoDb, DynamoDbThrottlingProxy? proxy, SiloProcess silo, ApiHost api, IMailInbox? inbox)
    {
        DynamoDb = dynamoDb;
        Proxy = proxy;
        Silo = silo;
        Api = api;
        Http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = api.BaseAddress, Timeout = AnswerBound };
        Client = new TestApi(Http, inbox);
    }

    public DynaliteServer DynamoDb { get; }

    public DynamoDbThrottlingProxy? Proxy { get; }

    public SiloProcess Silo { get; }

    public ApiHost Api { get; }

    public HttpClient Http { get; }

    public TestApi Client { get; }

    /// <param name="throughProxy">Put a <see cref="DynamoDbThrottlingProxy"/> between the silo and DynamoDB.</param>
    /// <param name="siloSettings">Extra silo settings as environment variables.</param>
    /// <param name="inbox">Where <see cref="Client"/> reads mail, when <paramref name="siloSettings"/> send it elsewhere than the tests' receiver.</param>
    public static async Task<StorageFaultHarness> StartAsync(
        bool throughProxy, IReadOnlyDictionary<string, string>? siloSettings = null, IMailInbox? inbox = null)
    {
        var serviceId = $"fault-{Guid.NewGuid():N}"[..16];
        var dynamoDb = await DynaliteServer.StartAsync();
        DynamoDbThrottlingProxy? proxy = null;
        SiloProcess? silo = null;
        try
        {
            proxy = throughProxy ? DynamoDbThrottlingProxy.Start(dynamoDb.ServiceUrl) : null;
            silo = await SiloProcess.StartAsync(
                proxy?.ServiceUrl ?? dynamoDb.ServiceUrl, $"fault-{Guid.NewGuid():N}", serviceId, StartTimeout, settings: siloSettings);
            var api = await ApiHost.StartForClusterAsync(serviceId, proxy?.ServiceUrl ?? dynamoDb.ServiceUrl);
            return new StorageFaultHarness(dynamoDb, proxy, silo, api, inbox);
        }
        catch
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }

            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            await dynamoDb.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls readiness until it answers 200; false when <paramref name="within"/> passes first.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if ((await Client.GetAsync("/health/ready")).Status == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        await Silo.DisposeAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await DynamoDb.DisposeAsync();
    }
}
