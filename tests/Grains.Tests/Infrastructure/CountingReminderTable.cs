using Microsoft.Extensions.DependencyInjection;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>
/// The test silo's reminder table with every write counted (an upsert or a removal is one write to the reminders
/// table in production), so storage-cost tests can include reminder writes.
/// </summary>
public sealed class CountingReminderTable(IReminderTable inner) : IReminderTable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> ByGrain = new();

    /// <summary>Upserts and removals of one grain's reminders (the silo is shared, so other tests' grains write too).</summary>
    public static int WritesOf(GrainId grainId) => ByGrain.GetValueOrDefault(grainId);

    /// <summary>Wraps the reminder table the silo registered (the in-memory one in tests).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IReminderTable));
        services.Remove(original);
        services.AddSingleton<IReminderTable>(sp => new CountingReminderTable(original switch
        {
            { ImplementationInstance: IReminderTable table } => table,
            { ImplementationFactory: { } factory } => (IReminderTable)factory(sp),
            _ => (IReminderTable)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
        }));
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ByGrain.AddOrUpdate(entry.GrainId, 1, (_, n) => n + 1);
        return inner.UpsertRow(entry);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        ByGrain.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return inner.RemoveRow(grainId, reminderName, eTag);
    }

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
}
