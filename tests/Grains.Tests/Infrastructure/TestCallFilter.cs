using System.Collections.Concurrent;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// Test-only silo filter: counts calls per method and target, and throws for calls a test asked to fail
/// (e.g. "the next 2 UpsertAsync calls to this lender"), to exercise retries and re-delivery honestly.
/// </summary>
public sealed class TestCallFilter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, int> PendingFailures = new();
    private static readonly ConcurrentDictionary<string, int> Calls = new();
    private static readonly ConcurrentDictionary<string, TimeSpan> Delays = new();
    private static readonly ConcurrentDictionary<string, int> Running = new();
    private static readonly ConcurrentDictionary<string, int> MostRunning = new();
    private static readonly ConcurrentDictionary<string, Func<Exception>> Refusals = new();
    private static readonly ConcurrentDictionary<string, int> RunningOfMethod = new();
    private static readonly ConcurrentDictionary<string, int> MostRunningOfMethod = new();

    /// <summary>Holds every call of <paramref name="method"/> to this grain for <paramref name="by"/> inside its turn.</summary>
    public static void Delay(string method, string grainKey, TimeSpan by) => Delays[Id(method, grainKey)] = by;

    /// <summary>The most calls of <paramref name="method"/> that were ever running at once on this grain.</summary>
    public static int MostConcurrent(string method, string grainKey) => MostRunning.GetValueOrDefault(Id(method, grainKey));

    /// <summary>The most calls of <paramref name="method"/> that were running at once on all grains together since <see cref="ResetMostConcurrent"/>.</summary>
    public static int MostConcurrent(string method) => MostRunningOfMethod.GetValueOrDefault(method);

    /// <summary>Starts a measurement of <see cref="MostConcurrent(string)"/> from the calls running now.</summary>
    public static void ResetMostConcurrent(string method) => MostRunningOfMethod[method] = RunningOfMethod.GetValueOrDefault(method);

    public static void Fail(string method, string grainKey, int times) => PendingFailures[Id(method, grainKey)] = times;

    public static void StopFailing(string method, string grainKey)
    {
        PendingFailures.TryRemove(Id(method, grainKey), out _);
        Refusals.TryRemove(Id(method, grainKey), out _);
    }

    /// <summary>Every call of <paramref name="method"/> to this grain throws what <paramref name="refusal"/> makes, until <see cref="StopFailing"/>.</summary>
    public static void FailWith(string method, string grainKey, Func<Exception> refusal) => Refusals[Id(method, grainKey)] = refusal;

    public static int CallCount(string method, string grainKey) => Calls.GetValueOrDefault(Id(method, grainKey));

    /// <summary>Calls of <paramref name="method"/> to any grain whose key starts with <paramref name="keyPrefix"/>.</summary>
    public static int CallCountByPrefix(string method, string keyPrefix) =>
        Calls.Where(c => c.Key.StartsWith($"{method}/{keyPrefix}", StringComparison.Ordinal)).Sum(c => c.Value);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var id = Id(context.MethodName, context.TargetId.Key.ToString());
        Calls.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (Refusals.TryGetValue(id, out var refusal))
        {
            throw refusal();
        }

        while (PendingFailures.TryGetValue(id, out var left) && left > 0)
        {
            if (PendingFailures.TryUpdate(id, left - 1, left))
            {
                throw new InvalidOperationException($"Injected failure of {id}.");
            }
        }

        var running = Running.AddOrUpdate(id, 1, (_, n) => n + 1);
        MostRunning.AddOrUpdate(id, running, (_, n) => Math.Max(n, running));
        var ofMethod = RunningOfMethod.AddOrUpdate(context.MethodName, 1, (_, n) => n + 1);
        MostRunningOfMethod.AddOrUpdate(context.MethodName, ofMethod, (_, n) => Math.Max(n, ofMethod));
        try
        {
            if (Delays.TryGetValue(id, out var delay))
            {
                await Task.Delay(delay);
            }

            await context.Invoke();
        }
        finally
        {
            Running.AddOrUpdate(id, 0, (_, n) => n - 1);
            RunningOfMethod.AddOrUpdate(context.MethodName, 0, (_, n) => n - 1);
        }
    }

    private static string Id(string method, string grainKey) => $"{method}/{grainKey}";
}
