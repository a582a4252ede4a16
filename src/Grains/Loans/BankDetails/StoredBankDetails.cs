namespace PrivateLending.Grains.Loans.BankDetails;

/// <summary>The ciphertext of one acceptance's bank details and the participation it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.StoredBankDetails")]
public sealed record StoredBankDetails(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] Guid ParticipantId,
    [property: Id(2)] string Ciphertext);
