using System.Diagnostics;
using PrivateLending.Benchmarks.Measurement;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// scale: the first my-loans page (limit 10) of a borrower with few loans and of one with many (default 100 and
/// 10,000; loans without lenders, so the page shape is the same). Each is measured for half the duration after
/// its own warm-up; the figure of merit is p50(large) ÷ p50(small) (target ≤ 1.2).
/// </summary>
internal static class ScaleScenario
{
    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            Console.WriteLine("  no baseline for this scenario: skipped with --baseline-only");
            return [];
        }

        var (small, large) = (context.Options.ScaleSmall, context.Options.ScaleLarge);
        Console.WriteLine($"  seeding: one borrower with {small} loans, one with {large}");
        var users = await context.UsersAsync("scale", 2, "Scale borrower");
        var created = 0;
        var failed = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var jobs = Enumerable.Range(0, small).Select(i => (User: users[0], Index: i))
            .Concat(Enumerable.Range(0, large).Select(i => (User: users[1], Index: i)));
        await context.ForEachAsync(jobs, async (job, ct) =>
        {
            try
            {
                await context.Api.CreateLoanAsync(job.User, 1_000m, FormattableString.Invariant($"Scale loan {job.Index}"), [], ct);
            }
            catch (InvalidOperationException exception)
            {
                // Keep going: how far a large borrower gets is itself a finding; report it.
                if (Interlocked.Increment(ref failed) == 1)
                {
                    firstFailure = exception.Message;
                    Console.WriteLine($"    first failure while seeding: {exception.Message}");
                }
            }

            var done = Interlocked.Increment(ref created);
            if (done % 1000 == 0)
            {
                Console.WriteLine(FormattableString.Invariant($"    {done} loans created in {clock.Elapsed.TotalSeconds:0} s ({done / clock.Elapsed.TotalSeconds:0}/s), {Volatile.Read(ref failed)} failed"));
            }
        });
        Console.WriteLine(FormattableString.Invariant($"    seeded {small + large} loans in {clock.Elapsed.TotalSeconds:0.0} s, {failed} failed"));

        var half = TimeSpan.FromSeconds(context.Options.DurationSeconds / 2);
        var smallResult = await context.MeasureOursAsync(FormattableString.Invariant($"scale-{small}"), (_, _) =>
            new PlannedRequest("my-loans", context.Api.Request(HttpMethod.Get, MyLoansScenario.PagePath, users[0].Authorization)), duration: half);
        var largeResult = await context.MeasureOursAsync(FormattableString.Invariant($"scale-{large}"), (_, _) =>
            new PlannedRequest("my-loans", context.Api.Request(HttpMethod.Get, MyLoansScenario.PagePath, users[1].Authorization)), duration: half);
        smallResult.Extra["loans"] = small;
        largeResult.Extra["loans"] = large;
        largeResult.Extra["seed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        largeResult.Extra["seed_failures"] = failed;
        if (firstFailure is not null)
        {
            largeResult.Extra["seed_first_failure"] = firstFailure;
        }

        if (smallResult.P50Ms > 0)
        {
            largeResult.Extra["scale_p50_ratio"] = Math.Round(largeResult.P50Ms / smallResult.P50Ms, 3);
            Console.WriteLine(FormattableString.Invariant($"  scale p50 ratio ({large} ÷ {small} loans): {largeResult.P50Ms / smallResult.P50Ms:0.00}"));
        }

        return [smallResult, largeResult];
    }
}
