using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Batch invitations: each lender is checked by the same rules as a single add, against the loan as the lenders
/// before it in the batch left it; those that pass are then invited together (one version, one write).
/// </summary>
internal static class LoanBatch
{
    public static LenderBatch Add(LoanState loan, AddLenders command, IReadOnlyDictionary<string, LinkLender> accounts, DateTimeOffset now, List<LoanChange> changes)
    {
        var invites = command.Lenders.IsDefault ? [] : command.Lenders;
        var errors = new FieldErrors();
        LoanLimits.CheckLenderCount(errors, invites.Length, minimum: 1);
        errors.ThrowIfAny();
        if (loan.Status != LoanStatus.Pending)
        {
            // The whole request is refused, as for a single add: no lender could be invited.
            throw new DomainException(DomainErrorCode.Conflict, "Lenders can only be invited to a pending loan.");
        }

        var scratch = loan.Clone();
        var accepted = new List<(int Index, LenderInvite Invite)>();
        var failures = new Dictionary<int, LenderBatchItem>();
        for (var i = 0; i < invites.Length; i++)
        {
            try
            {
                // The single-lender command on a scratch copy: the same rules, in the same order, as POST /lenders.
                LoanCommands.AddLenders(scratch, command with { Lenders = [invites[i]] }, now, []);
                accepted.Add((i, invites[i]));
            }
            catch (DomainException refused)
            {
                failures[i] = Failed(i, refused);
            }
        }

        var added = accepted.Count == 0
            ? []
            : LoanCommands.AddLenders(loan, command with { Lenders = [.. accepted.Select(a => a.Invite)] }, now, changes).Added;
        LoanAccounts.Apply(loan, accounts);
        var results = new LenderBatchItem[invites.Length];
        for (var k = 0; k < accepted.Count; k++)
        {
            var participant = loan.Participants.Find(p => p.ParticipantId == added[k].ParticipantId)!;
            results[accepted[k].Index] = new LenderBatchItem(accepted[k].Index, LoanViews.ToInvited(loan.LoanId, participant), null, null, null);
        }

        foreach (var (index, failure) in failures)
        {
            results[index] = failure;
        }

        return new LenderBatch(loan.LoanId, loan.Version, [.. results], LoanViews.Figures(loan));
    }

    /// <summary>A refusal as a result; field names are made to point at the lender's place in the batch.</summary>
    public static LenderBatchItem Failed(int index, DomainException refused) =>
        new(index, null, refused.Code, refused.Message,
            refused.Errors?.ToImmutableDictionary(e => e.Key.Replace("lenders[0]", $"lenders[{index}]", StringComparison.Ordinal), e => e.Value));
}
