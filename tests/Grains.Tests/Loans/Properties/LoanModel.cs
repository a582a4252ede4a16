using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using static PrivateLending.Grains.Abstractions.Common.DomainErrorCode;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>A participant as the reference model sees it: which pool email, how much, where it stands.</summary>
internal sealed record ModelParticipant(string Email, decimal Amount, ParticipantStatus Status, bool Linked, long? AcceptedVersion);

/// <summary>A funding point as the model expects it.</summary>
internal sealed record ModelPoint(long Version, decimal Invited, decimal Funded, decimal Percentage, int Pending, int Accepted, int Declined);

/// <summary>
/// The reference model: the loan's rules written again, as plainly as possible and without the production code,
/// in the order the product checks them (the first broken rule names the error). Each command returns the expected
/// refusal, or null and applies the change.
/// </summary>
internal sealed partial class LoanModel
{
    private static readonly HashSet<string> PoolEmails = [.. Enumerable.Range(0, 5).Select(i => People.Email(i, false))];

    public bool Exists { get; private set; }
    public decimal Amount { get; private set; }
    public decimal Rate { get; private set; }
    public int Term { get; private set; }
    public string Purpose { get; private set; } = "";
    public LoanStatus Status { get; private set; }
    public long Version { get; private set; }
    public List<ModelParticipant> Participants { get; private set; } = [];
    public List<(long Version, string Action)> History { get; } = [];
    public List<ModelPoint> Funding { get; } = [];

    public decimal Invited => Participants.Where(p => p.Status != ParticipantStatus.Declined).Sum(p => p.Amount);
    public decimal Funded => Participants.Where(p => p.Status == ParticipantStatus.Accepted).Sum(p => p.Amount);

    /// <summary>Truncated to two places: 99.999 % reads 99.99, never 100 before the loan is funded.</summary>
    public decimal Percentage => Amount == 0 ? 0 : Math.Truncate(Funded * 10_000m / Amount) / 100m;

    public DomainErrorCode? Create(CreateStep step)
    {
        if (!ValidAmount(step.Amount) || step.Lenders.Any(i => !ValidInvite(i)))
        {
            return Validation;
        }

        if (step.Lenders.Select(i => Normal(i)).Distinct().Count() < step.Lenders.Length)
        {
            return DuplicateLender;
        }

        if (step.Lenders.Sum(i => i.Amount) > step.Amount)
        {
            return OverFunding;
        }

        (Exists, Amount, Rate, Term, Purpose, Status) = (true, step.Amount, 5.25m, 12, People.Purpose, LoanStatus.Pending);
        Participants = [.. step.Lenders.Select(i => new ModelParticipant(Normal(i), i.Amount, ParticipantStatus.Pending, false, null))];
        Changed([LoanEvents.LoanCreated, .. step.Lenders.Select(_ => LoanEvents.LenderInvited)]);
        return null;
    }

    public DomainErrorCode? Add(AddStep step, out List<DomainErrorCode?> items)
    {
        items = [];
        if (Borrower(step.By) is { } denied)
        {
            return denied;
        }

        if (!step.Batch)
        {
            var refusal = CheckAdd(step.Lenders);
            if (refusal is null)
            {
                Invite(step.Lenders);
            }

            return refusal;
        }

        if (step.Lenders.Length is 0 or > 20)
        {
            return Validation;
        }

        if (Status != LoanStatus.Pending)
        {
            return Conflict;
        }

        // Each lender against the loan as the ones before it in the batch left it; the passing ones in one version.
        var passed = new List<Inv>();
        var before = Participants;
        foreach (var invite in step.Lenders)
        {
            var refusal = CheckAdd([invite]);
            items.Add(refusal);
            if (refusal is null)
            {
                passed.Add(invite);
                Participants = [.. Participants, new ModelParticipant(Normal(invite), invite.Amount, ParticipantStatus.Pending, false, null)];
            }
        }

        Participants = before;
        if (passed.Count > 0)
        {
            Invite([.. passed]);
        }

        return null;
    }

    public DomainErrorCode? Respond(RespondStep step, Actor actor)
    {
        var index = Participants.Count == 0 ? -1 : step.Participant % Participants.Count;
        var target = index < 0 ? null : Participants[index];
        var actorEmail = actor.Email.ToLowerInvariant();
        if (!Exists || target is null || target.Email != actorEmail)
        {
            return !CanSee(actor) ? NotFound : target is null ? NotFound : Forbidden;
        }

        if (step.Accept && !step.WithAch)
        {
            return Validation;
        }

        if (Status != LoanStatus.Pending || target.Status != ParticipantStatus.Pending)
        {
            return Conflict;
        }

        Participants[index] = target with
        {
            Status = step.Accept ? ParticipantStatus.Accepted : ParticipantStatus.Declined,
            Linked = true,
            AcceptedVersion = step.Accept ? Version : null,
        };
        var answered = step.Accept ? LoanEvents.ParticipantAccepted : LoanEvents.ParticipantDeclined;
        if (Funded == Amount)
        {
            Status = LoanStatus.Funded;
            Changed(answered, LoanEvents.LoanFunded);
        }
        else
        {
            Changed(answered);
        }
        return null;
    }

    public DomainErrorCode? Terms(TermsStep step)
    {
        if (Borrower(step.By) is { } denied)
        {
            return denied;
        }

        if (step.Stale)
        {
            return PreconditionFailed;
        }

        if (Status != LoanStatus.Pending || Participants.Any(p => p.Status == ParticipantStatus.Accepted))
        {
            return Conflict;
        }

        var amount = step.Amount ?? Amount;
        if (!ValidAmount(amount))
        {
            return Validation;
        }

        if (amount < Invited)
        {
            return OverFunding;
        }

        var (rate, term, purpose) = (step.Rate ?? Rate, step.Term ?? Term, step.Purpose ?? Purpose);
        if ((amount, rate, term, purpose) != (Amount, Rate, Term, Purpose))
        {
            (Amount, Rate, Term, Purpose) = (amount, rate, term, purpose);
            Changed(LoanEvents.TermsChanged);
        }

        return null;
    }

    public DomainErrorCode? Cancel(CancelStep step)
    {
        if (Borrower(step.By) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(step.Reason))
        {
            return Validation;
        }

        if (Status != LoanStatus.Pending)
        {
            return Conflict;
        }

        Status = LoanStatus.Cancelled;
        Changed(LoanEvents.LoanCancelled);
        return null;
    }

    public void Link(LinkStep step)
    {
        var email = People.Email(step.Lender, false);
        if (Exists && Participants.Any(p => p.Email == email && !p.Linked))
        {
            var linked = Participants.Count(p => p.Email == email && !p.Linked);
            Participants = [.. Participants.Select(p => p.Email == email ? p with { Linked = true } : p)];
            Changed([.. Enumerable.Repeat(LoanEvents.ParticipantLinked, linked)]);
        }
    }

    public void Deadline()
    {
        if (Exists && Status == LoanStatus.Pending)
        {
            Status = LoanStatus.Expired;
            Changed(LoanEvents.LoanExpired);
        }
    }

    private DomainErrorCode? CheckAdd(IReadOnlyList<Inv> invites)
    {
        if (invites.Count is 0 or > 20 || invites.Any(i => !ValidInvite(i)))
        {
            return Validation;
        }

        if (Status != LoanStatus.Pending)
        {
            return Conflict;
        }

        var live = Participants.Where(p => p.Status != ParticipantStatus.Declined).Select(p => p.Email).ToList();
        var asked = invites.Select(i => Normal(i)).ToList();
        if (asked.Distinct().Count() < asked.Count || asked.Any(live.Contains))
        {
            return DuplicateLender;
        }

        if (Participants.Count + invites.Count > 100)
        {
            return Conflict;
        }

        return Invited + invites.Sum(i => i.Amount) > Amount ? OverFunding : null;
    }

    private void Invite(IReadOnlyList<Inv> invites)
    {
        foreach (var invite in invites)
        {
            // A re-invited lender whose account is already known keeps it.
            var linked = Participants.Any(p => p.Email == Normal(invite) && p.Linked);
            Participants = [.. Participants, new ModelParticipant(Normal(invite), invite.Amount, ParticipantStatus.Pending, linked, null)];
        }

        Changed([.. invites.Select(_ => LoanEvents.LenderInvited)]);
    }

    private DomainErrorCode? Borrower(Who who) =>
        !Exists ? NotFound : who == Who.Borrower ? null : CanSee(People.Of(who)) ? Forbidden : NotFound;

    private bool CanSee(Actor actor) =>
        Exists && (actor.UserId == People.Borrower.UserId || Participants.Any(p => string.Equals(p.Email, actor.Email, StringComparison.OrdinalIgnoreCase)));

    /// <summary>One version, with one history record per change it made, in order.</summary>
    private void Changed(params string[] changes)
    {
        Version++;
        History.AddRange(changes.Select(name => (Version, name)));
        var point = new ModelPoint(Version, Invited, Funded, Percentage,
            Participants.Count(p => p.Status == ParticipantStatus.Pending),
            Participants.Count(p => p.Status == ParticipantStatus.Accepted),
            Participants.Count(p => p.Status == ParticipantStatus.Declined));
        var last = Funding.Count == 0 ? null : Funding[^1];
        if (last is null || (last.Invited, last.Funded, last.Pending, last.Accepted, last.Declined)
            != (point.Invited, point.Funded, point.Pending, point.Accepted, point.Declined))
        {
            Funding.Add(point);
        }
    }

    private static bool ValidAmount(decimal amount) => amount > 0 && amount <= 10_000_000m && decimal.Round(amount, 2) == amount;

    private static bool ValidInvite(Inv invite) => invite.Lender < 5 && ValidAmount(invite.Amount);

    private static string Normal(Inv invite) => People.InviteEmail(invite.Lender, invite.Shout).ToLowerInvariant();

    /// <summary>True when <paramref name="email"/> is one of the pool's lenders (the only addresses a participant can have).</summary>
    public static bool IsPoolEmail(string email) => PoolEmails.Contains(email);
}
