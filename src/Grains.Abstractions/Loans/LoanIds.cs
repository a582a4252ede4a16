using System.Security.Cryptography;
using System.Text;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Chooses the id of a new loan.</summary>
public static class LoanIds
{
    /// <summary>
    /// A new loan id. With an idempotency key the id is derived from the borrower and the key, so a retried
    /// create reaches the same loan grain, which records the key in the same write that creates the loan.
    /// </summary>
    public static Guid For(Guid borrowerId, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return Guid.CreateVersion7();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"loan:{borrowerId:N}:{idempotencyKey}"), hash);
        // RFC 9562 version 8 (custom) with the RFC variant bits, so the id is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
