using System.Security.Cryptography;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// ETags are 128 random bits from the OS CSPRNG, as 32 hex digits.
/// </summary>
/// <remarks>
/// Why random and not a counter: a counter restarts when an item is deleted (DeleteStateOnClear) and re-created, so a writer
/// holding "3" from the old life could overwrite the new one once it reached "3" again. A counter kept in a tombstone would
/// fix that only while the tombstone survives. A random value needs no stored history: the chance of any repeat across
/// 2^40 writes is below 2^-47. Unique ETags also let a write whose reply was lost recognise its own effect on retry.
/// </remarks>
internal static class GrainStateETag
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
