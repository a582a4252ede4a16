using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Security;

/// <summary>
/// The durable, shared store of ASP.NET Core Data Protection keys (one grain per application name), so every
/// API instance encrypts and decrypts bank details with the same keys across restarts and scale-out.
/// </summary>
public interface IKeyRingGrain : IGrainWithStringKey
{
    /// <summary>Every key stored so far.</summary>
    Task<ImmutableArray<KeyRingEntry>> GetAllAsync();

    /// <summary>Stores a key; storing the same name twice keeps the first (keys are immutable once written).</summary>
    Task StoreAsync(KeyRingEntry entry);

    /// <summary>
    /// Replaces the stored XML of keys with the same names, in one write, and answers how many were replaced
    /// (names not stored are ignored). Only for re-encrypting keys at rest: the key material must stay the same.
    /// </summary>
    Task<int> ReplaceAsync(ImmutableArray<KeyRingEntry> entries);
}
