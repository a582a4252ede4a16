using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Loans.BankDetails;

/// <summary>
/// Keeps an acceptance's ciphertext out of the loan's item: stored first in an item of its own under a fresh id, then
/// the loan's write records the acceptance with that id (the same order as a document's bytes before its record). A
/// crash or a refusal between the two leaves an item nothing refers to, never a loan pointing at nothing; so an
/// acknowledged acceptance always has its details.
/// </summary>
internal static class LoanBankDetails
{
    /// <summary>
    /// The id the details were stored under, or null when the acceptance will not apply them as far as the committed
    /// loan shows (no details, not a pending participation, or a replayed key): then nothing is written and the command
    /// answers as before.
    /// </summary>
    public static async Task<Guid?> StoreAsync(IGrainFactory grains, LoanState committed, RespondToInvitation command, DateTimeOffset now)
    {
        if (command.Ach is not { Ciphertext.Length: > 0 } ach
            || committed.Participants.Find(p => p.ParticipantId == command.ParticipantId) is not { Status: ParticipantStatus.Pending }
            || IdempotencyLedger.FindReplay(committed.Idempotency, command.Lender.UserId, command.Idempotency, now) is not null)
        {
            return null;
        }

        var id = Guid.NewGuid();
        await grains.GetGrain<IBankDetailsGrain>(id).StoreAsync(new StoredBankDetails(committed.LoanId, command.ParticipantId, ach.Ciphertext));
        return id;
    }
}
