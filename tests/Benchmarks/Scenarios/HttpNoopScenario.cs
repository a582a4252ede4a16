using PrivateLending.Benchmarks.Measurement;
using PrivateLending.Benchmarks.Seeding;

namespace PrivateLending.Benchmarks.Scenarios;

/// <summary>
/// Reference points for "what does the rest cost", by elimination on the same machine and HTTP stack:
/// http-noop — GET /health/live on our API (no auth, no grain) and GET /noop on the baseline's Kestrel;
/// get-me — GET /api/v1/me (JWT validation + one grain call): the fixed cost of any authenticated request.
/// Both are short runs (at most 10 s measured, 2 s warm-up).
/// </summary>
internal static class HttpNoopScenario
{
    public static async Task<List<ScenarioResult>> RunAsync(BenchContext context)
    {
        var (warmup, duration) = Window(context);
        if (!context.Ours)
        {
            return context.Baseline is { } only
                ? [await context.MeasureBaselineAsync("http-noop-seed-baseline", (_, _) =>
                    new PlannedRequest("noop", ApiClient.Build(only.BaseUrl, HttpMethod.Get, "/noop", null)), warmup: warmup, duration: duration)]
                : [];
        }

        var noop = await context.MeasureOursAsync("http-noop", (_, _) =>
            new PlannedRequest("noop", context.Api.Request(HttpMethod.Get, "/health/live", null)), warmup: warmup, duration: duration);
        noop.Extra["endpoint"] = "ours: GET /health/live; baseline: GET /noop (minimal Kestrel)";
        if (context.Baseline is { } baseline)
        {
            noop.Baseline = await context.MeasureBaselineAsync("http-noop", (_, _) =>
                new PlannedRequest("noop", ApiClient.Build(baseline.BaseUrl, HttpMethod.Get, "/noop", null)), warmup: warmup, duration: duration);
        }

        return [noop];
    }

    public static async Task<List<ScenarioResult>> RunGetMeAsync(BenchContext context)
    {
        if (!context.Ours)
        {
            return [];
        }

        var (warmup, duration) = Window(context);
        var users = await context.UsersAsync("me", 16, "Reader");
        var me = await context.MeasureOursAsync("get-me", (worker, _) =>
            new PlannedRequest("me", context.Api.Request(HttpMethod.Get, "/api/v1/me", users[worker % users.Length].Authorization)), warmup: warmup, duration: duration);
        return [me];
    }

    private static (TimeSpan Warmup, TimeSpan Duration) Window(BenchContext context) =>
        (TimeSpan.FromSeconds(Math.Min(context.Options.WarmupSeconds, 2)), TimeSpan.FromSeconds(Math.Min(context.Options.DurationSeconds, 10)));
}
