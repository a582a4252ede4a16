using PrivateLending.Benchmarks.Measurement;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// cluster: the mixed load against 1 silo, then 2 more silos join (3 silo processes on this machine) and the same
/// load runs again on fresh users and loans, so their grains spread over all three. Needs the API on DynamoDB
/// clustering (set by the harness when this scenario is chosen) so it finds every silo's gateway.
/// </summary>
internal static class ClusterScenario
{
    public const int Silos = 3;

    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var results = await MixedScenario.RunAsync(context, "cluster-1-silo", "c1");
        for (var i = 1; i < Silos; i++)
        {
            await context.System.AddSiloAsync(context.CancellationToken);
        }

        // The API's gateway list refreshes every 10 s; give it two rounds, and the new silos time to become active.
        Console.WriteLine($"  {Silos} silos up; waiting for the API to see every gateway");
        await Task.Delay(TimeSpan.FromSeconds(context.Options.Smoke ? 12 : 25), context.CancellationToken);
        var clustered = await MixedScenario.RunAsync(context, $"cluster-{Silos}-silos", "c3");
        results.AddRange(clustered);
        return results;
    }
}
