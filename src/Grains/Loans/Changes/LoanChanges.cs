using System.Globalization;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>The borrower created the loan (its invitations are <see cref="LenderInvited"/> changes of their own).</summary>
internal sealed record LoanCreated : LoanChange
{
    public override string Name => LoanEvents.LoanCreated;

    public override bool AddsToBorrowerIndex => true;

    public override FundingChange Live => FundingChange.Created;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        fields.Add("borrower_id", null, after.BorrowerId.ToString());
        fields.Add("amount", null, ChangedFields.Text(after.Amount));
        fields.Add("interest_rate", null, ChangedFields.Text(after.InterestRate));
        fields.Add("term_months", null, after.TermMonths.ToString(CultureInfo.InvariantCulture));
        fields.Add("purpose", null, after.Purpose);
        fields.Add("status", null, ChangedFields.Text(after.Status));
        fields.Add("funding_deadline", null, ChangedFields.Text(after.FundingDeadline));
    }
}

/// <summary>A lender was invited.</summary>
internal sealed record LenderInvited(Guid Participant) : LoanChange
{
    public override string Name => LoanEvents.LenderInvited;

    public override Guid? ParticipantId => Participant;

    public override bool MovesIndexEntry => true;

    public override bool SendsInvitation => true;

    public override FundingChange Live => FundingChange.LenderInvited;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        var p = after.Participant(Participant);
        fields.Add("loan_id", null, after.LoanId.ToString());
        fields.Add("email", null, p.Email);
        fields.Add("contribution_amount", null, ChangedFields.Text(p.ContributionAmount));
        fields.Add("status", null, ChangedFields.Text(p.Status));
        fields.Add("lender_id", null, p.LenderId?.ToString());
    }
}

/// <summary>An invited lender accepted (with bank details, never described).</summary>
internal sealed record InvitationAccepted(Guid Participant, Guid? LenderBefore) : LoanChange
{
    public override string Name => LoanEvents.ParticipantAccepted;

    public override Guid? ParticipantId => Participant;

    public override bool MovesIndexEntry => true;

    public override FundingChange Live => FundingChange.ParticipantAccepted;

    public override void Describe(LoanState after, ChangedFields fields) => Answered(after, Participant, LenderBefore, fields);

    internal static void Answered(LoanState after, Guid participant, Guid? lenderBefore, ChangedFields fields)
    {
        var p = after.Participant(participant);
        fields.Add("status", ChangedFields.Text(ParticipantStatus.Pending), ChangedFields.Text(p.Status));
        fields.Add("lender_id", lenderBefore?.ToString(), p.LenderId?.ToString());
    }
}

/// <summary>An invited lender declined.</summary>
internal sealed record InvitationDeclined(Guid Participant, Guid? LenderBefore) : LoanChange
{
    public override string Name => LoanEvents.ParticipantDeclined;

    public override Guid? ParticipantId => Participant;

    public override bool MovesIndexEntry => true;

    public override FundingChange Live => FundingChange.ParticipantDeclined;

    public override void Describe(LoanState after, ChangedFields fields) =>
        InvitationAccepted.Answered(after, Participant, LenderBefore, fields);
}

/// <summary>An invited email's verified account was linked to the participation (its index is keyed by email: no update).</summary>
internal sealed record LenderLinked(Guid Participant, Guid? LenderBefore) : LoanChange
{
    public override string Name => LoanEvents.ParticipantLinked;

    public override Guid? ParticipantId => Participant;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields) =>
        fields.Add("lender_id", LenderBefore?.ToString(), after.Participant(Participant).LenderId?.ToString());
}

/// <summary>The borrower changed the terms; the record holds the terms before.</summary>
internal sealed record TermsChanged(decimal Amount, decimal InterestRate, int TermMonths, string Purpose) : LoanChange
{
    public override string Name => LoanEvents.TermsChanged;

    public override bool ConcernsLenders => true;

    public override FundingChange Live => FundingChange.TermsChanged;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        fields.Add("amount", ChangedFields.Text(Amount), ChangedFields.Text(after.Amount));
        fields.Add("interest_rate", ChangedFields.Text(InterestRate), ChangedFields.Text(after.InterestRate));
        fields.Add("term_months", TermMonths.ToString(CultureInfo.InvariantCulture), after.TermMonths.ToString(CultureInfo.InvariantCulture));
        fields.Add("purpose", Purpose, after.Purpose);
    }
}

/// <summary>Accepted contributions reached the amount.</summary>
internal sealed record LoanFunded : LoanChange
{
    public override string Name => LoanEvents.LoanFunded;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override FundingChange Live => FundingChange.LoanFunded;

    public override void Describe(LoanState after, ChangedFields fields) => StatusFrom(LoanStatus.Pending, after, fields);

    internal static void StatusFrom(LoanStatus before, LoanState after, ChangedFields fields) =>
        fields.Add("status", ChangedFields.Text(before), ChangedFields.Text(after.Status));
}

/// <summary>The borrower cancelled the pending loan (a soft delete with a reason).</summary>
internal sealed record LoanCancelled : LoanChange
{
    public override string Name => LoanEvents.LoanCancelled;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override FundingChange Live => FundingChange.LoanCancelled;

    public override string? Reason(LoanState after) => after.DeletionReason;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        LoanFunded.StatusFrom(LoanStatus.Pending, after, fields);
        fields.Add("deletion_reason", null, after.DeletionReason);
    }
}

/// <summary>The loan was still pending at its funding deadline.</summary>
internal sealed record LoanExpired : LoanChange
{
    public override string Name => LoanEvents.LoanExpired;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override bool BySystem => true;

    public override FundingChange Live => FundingChange.LoanExpired;

    public override void Describe(LoanState after, ChangedFields fields) => LoanFunded.StatusFrom(LoanStatus.Pending, after, fields);
}
