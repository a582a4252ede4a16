using System.Security.Cryptography;
using System.Text;

namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>Chooses the id of a new repayment.</summary>
public static class RepaymentIds
{
    /// <summary>
    /// With an idempotency key, derived from the loan, the borrower and the key, so a retried request is the same
    /// repayment (which the loan recognises as a replay); without one, a new id each time.
    /// </summary>
    public static Guid For(Guid loanId, Guid borrowerId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return Guid.CreateVersion7();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"repayment:{loanId:N}:{borrowerId:N}:{idempotencyKey}"), hash);
        // RFC 9562 version 8 (custom) with the RFC variant bits, so the id is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
