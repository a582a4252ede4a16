using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Lenders;

/// <summary>
/// Encrypts bank details before they reach any grain: the whole record as JSON, protected with Data Protection
/// (purpose <c>ach.v1</c>, keys durable in the cluster). Only holder, type and last four digits travel in clear.
/// </summary>
internal sealed class AchProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "ach.v1";

    private static readonly JsonSerializerOptions PayloadOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public ProtectedAch Protect(AchDetails ach)
    {
        var payload = JsonSerializer.Serialize(
            new AchPayload(ach.AccountHolder, ach.RoutingNumber, ach.AccountNumber, ach.AccountType), PayloadOptions);
        return new ProtectedAch(_protector.Protect(payload), ach.AccountHolder, ach.AccountType, ach.AccountLast4);
    }

    /// <summary>Decrypts stored details; for the payout side of the system (and tests proving the round trip).</summary>
    public AchDetails Unprotect(ProtectedAch stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var payload = JsonSerializer.Deserialize<AchPayload>(_protector.Unprotect(stored.Ciphertext), PayloadOptions)
            ?? throw new InvalidOperationException("Stored bank details are empty.");
        return new AchDetails(payload.AccountHolder, payload.RoutingNumber, payload.AccountNumber, payload.AccountType);
    }

    private sealed record AchPayload(string AccountHolder, string RoutingNumber, string AccountNumber, string AccountType)
    {
        public override string ToString() => "AchPayload { *** }";
    }
}
