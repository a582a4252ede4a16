using System.Diagnostics;
using System.Globalization;
using System.Net;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Api.Tests.Infrastructure.Consistency;
using PrivateLending.TestSupport;
using Xunit.Abstractions;

namespace PrivateLending.Api.Tests.EndToEnd.Chaos;

/// <summary>
/// Three silo processes on DynamoDB clustering and the API; a concurrent load of creates, invitations, acceptances
/// and declines by several verified users over HTTP; one silo killed with SIGKILL in the middle of it and started
/// again. Afterwards nothing acknowledged is lost, no loan is over-funded, every failure was a 503 with Retry-After
/// or a 429, and every index agrees with the loan grains.
/// </summary>
public sealed class ChaosEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Silos = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan LoadAtLeast = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan LoadAfterRestart = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    private readonly string _serviceId = $"chaos-{Guid.NewGuid():N}"[..16];
    private readonly string _table = $"chaos-{Guid.NewGuid():N}";
    private readonly List<SiloProcess> _silos = [];
    private DynaliteServer _dynamoDb = null!;
    private string? _killed;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        // The first silo creates the tables; the others join it together.
        _silos.Add(await StartSiloAsync());
        _silos.AddRange(await Task.WhenAll(Enumerable.Range(1, Silos - 1).Select(_ => StartSiloAsync())));
    }

    public async Task DisposeAsync()
    {
        foreach (var (silo, i) in _silos.Select((s, i) => (s, i)))
        {
            await silo.DisposeAsync();
            // Kept for diagnosis: a failing run names the files in its output.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"{_serviceId}-silo-{i + 1}.log"), silo.Output);
        }

        if (_killed is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"{_serviceId}-silo-killed.log"), _killed);
        }

        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task MixedLoad_OneSiloKilledAndRestarted_NothingAcknowledgedLostAndIndexesAgree()
    {
        // The API's warnings and errors go to a file beside the silos' logs: a 5xx is explained by the exception it logs.
        var apiLog = Path.Combine(Path.GetTempPath(), $"{_serviceId}-api.log");
        await using var api = await ApiHost.StartForClusterAsync(_serviceId, _dynamoDb.ServiceUrl, new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = apiLog,
        });
        // Longer than the cluster's own response time-out (30 s): every request gets the system's answer, not ours.
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        var client = new TestApi(http);
        output.WriteLine($"silo logs: {Path.Combine(Path.GetTempPath(), _serviceId)}-silo-*.log, API log: {apiLog}");
        var borrowers = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => client.NewUserAsync($"Borrower {i}")));
        var lenders = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => client.NewUserAsync($"Lender {i}")));

        var ledger = new OperationLedger();
        var load = new ChaosLoad(client, borrowers, lenders, ledger);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var running = load.RunAsync(stop.Token);

        await Task.Delay(KillAfter);
        var victim = _silos[1];
        var acknowledgedAtKill = ledger.Acknowledged;
        await victim.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo on port {victim.SiloPort} killed (SIGKILL) after {acknowledgedAtKill} acknowledged operations");
        await Task.Delay(RestartAfter);
        var restarted = await StartSiloAsync(victim.SiloPort);
        _silos[1] = restarted;
        await victim.DisposeAsync();
        _killed = victim.Output;
        var acknowledgedAtRestart = ledger.Acknowledged;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo restarted on port {restarted.SiloPort}");

        var stopAt = TimeSpan.FromTicks(Math.Max(LoadAtLeast.Ticks, (clock.Elapsed + LoadAfterRestart).Ticks));
        await Task.Delay(stopAt - clock.Elapsed);
        await stop.CancelAsync();
        await running;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: load stopped");

        // Outboxes deliver index updates at least once, shortly after the write: poll until agreement or the settle time.
        var users = borrowers.Concat(lenders).ToList();
        var reader = new HttpSnapshotReader(client);
        var settle = Stopwatch.StartNew();
        ConsistencySnapshot snapshot;
        IReadOnlyList<Disagreement> disagreements;
        do
        {
            snapshot = await reader.ReadAsync(users, ledger.Loans);
            disagreements = ConsistencyChecker.Check(snapshot);
        }
        while (disagreements.Count > 0 && settle.Elapsed < SettleTime && await Pause());

        var lost = ledger.FindLost(snapshot);
        var requests = ledger.Requests.ToList();
        var answered = requests.Where(r => r.Status is not null).ToList();
        var serverErrors = answered.Count(r => (int)r.Status! >= 500);
        var unavailable = answered.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var throttled = answered.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        var refused = answered.Where(r => (int)r.Status! is >= 400 and < 500 && r.Status != HttpStatusCode.TooManyRequests).ToList();
        var unanswered = requests.Where(r => r.Status is null).ToList();
        var overFunded = disagreements.Count(d => d.Kind == DisagreementKind.OverFunded);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""
            chaos figures ({Silos} silos, 1 killed with SIGKILL and restarted; {clock.Elapsed.TotalSeconds:F0} s in all, settled in {settle.Elapsed.TotalSeconds:F1} s)
              operations sent       {ledger.Operations} ({requests.Count} requests with retries)
              acknowledged (2xx)    {ledger.Acknowledged} ({acknowledgedAtKill} before the kill, {ledger.Acknowledged - acknowledgedAtRestart} after the restart)
              loans created         {ledger.LoanCount} (snapshot: {snapshot.Loans.Count} loans read)
              lost                  {lost.Count}
              over-funded           {overFunded}
              index disagreements   {disagreements.Count}
              5xx                   {serverErrors} (503: {unavailable.Count}, other 5xx: {serverErrors - unavailable.Count})
              429                   {throttled.Count}
              refused (4xx)         {refused.Count} {string.Join(", ", refused.GroupBy(r => $"{(int)r.Status!} {r.Code}").Select(g => $"{g.Key}: {g.Count()}"))}
              no answer             {unanswered.Count}
            """));
        foreach (var failed in unavailable.Concat(throttled))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {failed.Operation} attempt {failed.Attempt} sent at {failed.SentAt.TotalSeconds:F1} s, answered {(int)failed.Status!} {failed.Code} at {failed.AnsweredAt.TotalSeconds:F1} s"));
        }

        foreach (var line in lost.Concat(disagreements.Select(d => d.ToString())).Concat(unanswered.Select(r => $"{r.Operation}: {r.Failure}")).Take(50))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(ledger.Acknowledged > acknowledgedAtRestart, "Nothing was acknowledged after the restart.");
        Assert.Empty(lost);
        Assert.Empty(disagreements);
        Assert.Equal(0, serverErrors - unavailable.Count);
        Assert.All(unavailable.Concat(throttled), r => Assert.True(r.HasRetryAfter, $"{r.Operation} answered {(int)r.Status!} without Retry-After"));
        // The load only asks for what the loans allow, so a refusal means the system lost track of something.
        Assert.Empty(refused);
        Assert.Empty(unanswered);
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return true;
    }

    private Task<SiloProcess> StartSiloAsync(int? siloPort = null) =>
        SiloProcess.StartAsync(_dynamoDb.ServiceUrl, _table, _serviceId, StartTimeout, siloPort);
}
