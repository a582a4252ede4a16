using System.Collections.Immutable;
using System.Text.Json;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Records;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>What the product answered to one step: its refusal (null when it went through) and, for a batch, each lender's.</summary>
internal sealed record Outcome(DomainErrorCode? Code, ImmutableArray<DomainErrorCode?> Items);

/// <summary>
/// Drives the production rule classes the way <see cref="LoanGrain"/> composes them, without a grain: a command is
/// checked and applied on a copy of the committed state; a refusal discards the copy (and must have left it as it
/// was); an accepted change gets its projections (<see cref="LoanProjections"/>), seals what overflows into "chunks" kept
/// here, and becomes the committed state. Every command first expires a loan past its deadline, as the grain does.
/// </summary>
internal sealed class LoanHarness
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly Guid _loanId = new("0192f000-0000-7000-8000-000000000001");
    private static readonly DateOnly FirstDay = new(2026, 1, 5);
    private DateTimeOffset _now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public LoanState Current { get; private set; } = new();
    public List<LoanHistoryEntry> SealedHistory { get; } = [];
    public List<FundingPoint> SealedFunding { get; } = [];

    public IEnumerable<LoanHistoryEntry> History => SealedHistory.Concat(Current.History);
    public IEnumerable<FundingPoint> Funding => SealedFunding.Concat(Current.Funding);

    private DateOnly Today => LoanServicing.Today(_now);

    public Outcome Run(LoanStep step)
    {
        _now = _now.AddMinutes(1);
        return step switch
        {
            CreateStep create => Command((next, changes) =>
            {
                var deadline = FundingDeadlines.Resolve(null, _now, new FundingDeadlineOptions());
                var invites = create.Lenders.Select(i => new LenderInvite(People.InviteEmail(i.Lender, i.Shout), i.Amount));
                LoanCommands.Create(next, _loanId, new CreateLoan(People.Borrower, new LoanTerms(create.Amount, 5.25m, 12, People.Purpose), [.. invites], FundingDeadline: deadline), _now, changes);
            }),
            AddStep add => Add(add),
            RespondStep respond => Respond(respond),
            TermsStep terms => Expiring(() => Command((next, changes) =>
            {
                LoanAccess.RequireBorrower(next, People.Of(terms.By));
                var expected = terms.Stale ? next.Version - 1 : next.Version;
                LoanCommands.UpdateTerms(next, new UpdateLoanTerms(People.Of(terms.By), expected, terms.Amount, terms.Rate, terms.Term, terms.Purpose), _now, changes);
            })),
            CancelStep cancel => Expiring(() => Command((next, changes) =>
            {
                LoanAccess.RequireBorrower(next, People.Of(cancel.By));
                LoanCommands.Cancel(next, new CancelLoan(People.Of(cancel.By), cancel.Reason), _now, changes);
            })),
            LinkStep link => Command((next, changes) =>
            {
                if (next.Exists)
                {
                    LoanCommands.Link(next, new LinkLender(People.Email(link.Lender, false), People.LenderId(link.Lender), People.Lender(link.Lender).Name), _now, changes);
                }
            }),
            DeadlineStep => Deadline(),
            DisburseStep disburse => Expiring(() => Command((next, changes) =>
            {
                LoanAccess.RequireBorrower(next, People.Of(disburse.By));
                LoanServicing.Disburse(next, new DisburseLoan(People.Of(disburse.By), FirstDay.AddDays(disburse.Day)), _now, DelinquencyRules.Default, changes);
            })),
            RepayStep repay => Expiring(() => Command((next, changes) =>
            {
                LoanAccess.RequireBorrower(next, People.Of(repay.By));
                var amount = repay.Kind switch
                {
                    // A completed loan quotes 0, which is not a payment at all; the step then pays a cent, which is an overpayment.
                    RepayKind.Payoff when next.Servicing is { } servicing && Payoff.Quote(servicing, Today).Amount is > 0m and var quote => quote,
                    RepayKind.Payoff => 0.01m,
                    RepayKind.Over => 10_000_000m,
                    _ => 1m,
                };
                var command = new RecordRepayment(People.Of(repay.By), Guid.NewGuid(), amount, Today, repay.Kind == RepayKind.Payoff);
                LoanServicing.Repay(next, command, _now, DelinquencyRules.Default, changes);
            })),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>The actor a respond step speaks as: the invited lender (in the step's case) or the pool lender it names.</summary>
    public Actor Respondent(RespondStep step)
    {
        var participants = Current.Participants;
        if (step.AsLender >= 0 || participants.Count == 0)
        {
            return People.Lender(Math.Max(step.AsLender, 0), step.Shout);
        }

        var email = participants[step.Participant % participants.Count].NormalizedEmail;
        return People.Lender(Enumerable.Range(0, 5).First(i => People.Email(i, false) == email), step.Shout);
    }

    private Outcome Add(AddStep add)
    {
        var actor = People.Of(add.By);
        var command = new AddLenders(actor, [.. add.Lenders.Select(i => new LenderInvite(People.InviteEmail(i.Lender, i.Shout), i.Amount))]);
        try
        {
            // The grain checks the borrower before it asks for accounts, then expires a due loan, then checks again.
            LoanAccess.RequireBorrower(Current, actor);
        }
        catch (DomainException refused)
        {
            return new(refused.Code, []);
        }

        var items = ImmutableArray<DomainErrorCode?>.Empty;
        var outcome = Expiring(() => Command((next, changes) =>
        {
            LoanAccess.RequireBorrower(next, actor);
            if (add.Batch)
            {
                items = [.. LoanBatch.Add(next, command, ImmutableDictionary<string, LinkLender>.Empty, _now, changes).Results.Select(r => r.Code)];
            }
            else
            {
                LoanCommands.AddLenders(next, command, _now, changes);
            }
        }));
        return outcome with { Items = items };
    }

    private Outcome Respond(RespondStep respond)
    {
        var actor = Respondent(respond);
        return Expiring(() => Command((next, changes) =>
        {
            var participants = next.Participants;
            var id = participants.Count == 0 ? Guid.Empty : participants[respond.Participant % participants.Count].ParticipantId;
            LoanAccess.RequireRespondent(next, actor, id);
            var ach = respond.WithAch ? new ProtectedAch("ciphertext", "Jane Lender", "checking", "6789") : null;
            // The respondent accepts the terms as they stand (a stale version is covered by TermsVersionTests).
            LoanCommands.Respond(next, new RespondToInvitation(actor, id, ach, TermsVersion: LoanViews.TermsVersion(next)), respond.Accept, _now, changes);
        }));
    }

    private Outcome Deadline()
    {
        if (Current.FundingDeadline is { } deadline && _now <= deadline)
        {
            _now = deadline.AddSeconds(1);
        }

        return Expiring(() => new Outcome(null, []));
    }

    /// <summary>As before every grain command: a loan past its deadline is expired first, in its own commit.</summary>
    private Outcome Expiring(Func<Outcome> command)
    {
        var next = Current.Clone();
        var changes = new List<LoanChange>();
        if (FundingDeadlines.Expire(next, _now, changes))
        {
            Commit(next, changes);
        }

        return command();
    }

    private Outcome Command(Action<LoanState, List<LoanChange>> apply)
    {
        var next = Current.Clone();
        var changes = new List<LoanChange>();
        try
        {
            apply(next, changes);
        }
        catch (DomainException refused)
        {
            // The copy must still equal the committed state (serialised only on refusals: it is the slow part).
            if (JsonSerializer.Serialize(next, Json) != JsonSerializer.Serialize(Current, Json))
            {
                throw new InvalidOperationException($"A refused command ({refused.Code}: {refused.Message}) changed the state it was given.");
            }

            return new(refused.Code, []);
        }

        Commit(next, changes);
        return new(null, []);
    }

    /// <summary>As <c>LoanGrain.RecordAsync</c> + the write: records of the change, overflow sealed, then the swap.</summary>
    private void Commit(LoanState next, List<LoanChange> changes)
    {
        var (firstSeq, historyBefore) = (next.NextOutboxSeq, next.History.Count);
        LoanProjections.Apply(next, changes, _now, null);
        // Each change yields exactly one history record, audit entry and webhook event, all of its name, in order.
        var names = changes.Select(c => c.Name).ToList();
        var queued = next.Outbox.Where(u => u.Seq >= firstSeq).ToList();
        Projected(names, next.History.Skip(historyBefore).Select(h => h.Action), "history records");
        Projected(names, queued.OfType<AuditMessage>().Select(u => u.Entry!.Action), "audit entries");
        Projected(names, queued.OfType<WebhookMessage>().Select(u => u.EventType), "webhook events");
        while (LoanRecords.Overflow(next.History) is { Length: > 0 } history)
        {
            SealedHistory.AddRange(history);
            next.History.RemoveRange(0, history.Length);
            next.SealedHistoryChunks++;
        }

        while (LoanRecords.Overflow(next.Funding) is { Length: > 0 } funding)
        {
            SealedFunding.AddRange(funding);
            next.Funding.RemoveRange(0, funding.Length);
            next.SealedFundingChunks++;
        }

        Current = next;
    }

    private static void Projected(List<string> changes, IEnumerable<string> outputs, string what)
    {
        var names = outputs.ToList();
        if (!names.SequenceEqual(changes))
        {
            throw new InvalidOperationException($"the changes [{string.Join(", ", changes)}] gave {what} [{string.Join(", ", names)}]");
        }
    }
}
