using PrivateLending.Grains.Abstractions;

namespace PrivateLending.Grains.Loans.BankDetails;

/// <summary>
/// Write-once bank details of one acceptance (see <see cref="IBankDetailsGrain"/>). Each acceptance attempt has a
/// fresh id, so a stored item is never overwritten: an attempt the loan refused leaves an item nothing refers to.
/// </summary>
public sealed class BankDetailsGrain(
    [PersistentState("bankDetails", StorageNames.Loans)] IPersistentState<BankDetailsState> state,
    TimeProvider clock) : Grain, IBankDetailsGrain
{
    public async Task StoreAsync(StoredBankDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (state.RecordExists)
        {
            var stored = state.State;
            if (stored.LoanId == details.LoanId && stored.ParticipantId == details.ParticipantId && stored.Ciphertext == details.Ciphertext)
            {
                return;
            }

            throw new InvalidOperationException($"Bank details {this.GetPrimaryKey()} are already stored; they are written once.");
        }

        state.State = new BankDetailsState
        {
            LoanId = details.LoanId,
            ParticipantId = details.ParticipantId,
            Ciphertext = details.Ciphertext,
            StoredAt = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
    }

    public Task<StoredBankDetails?> GetAsync() =>
        Task.FromResult(state.RecordExists ? new StoredBankDetails(state.State.LoanId, state.State.ParticipantId, state.State.Ciphertext) : null);
}
