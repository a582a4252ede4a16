namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>A lender's answer to an invitation.</summary>
public enum ParticipantStatus
{
    /// <summary>Invited, no answer yet.</summary>
    Pending = 0,

    /// <summary>Accepted with bank details.</summary>
    Accepted = 1,

    /// <summary>Declined; the contribution no longer counts.</summary>
    Declined = 2,
}
