namespace PrivateLending.Grains.Loans.BankDetails;

/// <summary>Bank details as stored (one small item per acceptance); empty until written.</summary>
[GenerateSerializer, Alias("PrivateLending.BankDetailsState")]
public sealed class BankDetailsState
{
    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public Guid ParticipantId { get; set; }
    [Id(2)] public string Ciphertext { get; set; } = "";
    [Id(3)] public DateTimeOffset StoredAt { get; set; }
}
