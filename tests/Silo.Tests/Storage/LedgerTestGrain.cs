using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>A test-only grain whose state lives in the DynamoDB provider named "dynamo".</summary>
public interface ILedgerTestGrain : IGrainWithStringKey
{
    Task<decimal> Deposit(decimal amount);

    Task<LedgerSnapshot> GetSnapshot();

    /// <summary>Reads the state again from storage, as an activation may after a conflict.</summary>
    Task Reload();

    Task Deactivate();
}

[GenerateSerializer, Alias("PrivateLending.Silo.Tests.LedgerSnapshot")]
public sealed record LedgerSnapshot(
    [property: Id(0)] decimal Balance,
    [property: Id(1)] int Deposits,
    [property: Id(2)] string? ETag,
    [property: Id(3)] bool RecordExists,
    [property: Id(4)] Guid ActivationId,
    [property: Id(5)] string OrleansActivationId);

public sealed class LedgerTestState
{
    public decimal Balance { get; set; }

    public int Deposits { get; set; }
}

public sealed class LedgerTestGrain(
    [PersistentState("ledger", SiloIntegrationTests.StorageName)] IPersistentState<LedgerTestState> ledger) : Grain, ILedgerTestGrain
{
    // New for every activation, so a test can tell that state was reloaded rather than kept in memory.
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<decimal> Deposit(decimal amount)
    {
        ledger.State.Balance += amount;
        ledger.State.Deposits++;
        await ledger.WriteStateAsync();
        return ledger.State.Balance;
    }

    public Task<LedgerSnapshot> GetSnapshot() =>
        Task.FromResult(new LedgerSnapshot(
            ledger.State.Balance, ledger.State.Deposits, ledger.Etag, ledger.RecordExists, _activationId, ((IGrainBase)this).GrainContext.ActivationId.ToString()));

    public Task Reload() => ledger.ReadStateAsync();

    public Task Deactivate()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
