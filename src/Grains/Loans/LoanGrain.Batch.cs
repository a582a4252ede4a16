using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>Batch invitations (<see cref="LoanBatch"/>): one call, one write, a result per lender.</summary>
public sealed partial class LoanGrain
{
    public async Task<CommandResult<LenderBatch>> AddLendersBatchAsync(AddLenders command)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoanAccess.RequireBorrower(_current, command.Actor);
        var accounts = await KnownAccountsAsync(command.Lenders.IsDefault ? [] : command.Lenders);
        return await RunAsync(
            command.Actor, command.Idempotency,
            loan => LoanAccess.RequireBorrower(loan, command.Actor),
            (loan, now) => LoanBatch.Add(loan, command, accounts, now),
            LoanBatchReceipts.Of, LoanBatchReceipts.Replay);
    }
}
