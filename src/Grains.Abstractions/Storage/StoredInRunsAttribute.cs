namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// Asks the grain storage to keep this list's elements apart from the state's own item, in runs of consecutive
/// elements stored as items of their own, so that a write rewrites only the runs that changed. The grain sees the
/// whole list as before; how it is stored is the provider's business. A provider that does not know this attribute
/// stores the list inline.
/// </summary>
/// <remarks>
/// A run ends after each element whose key hashes to a multiple of <see cref="RunLength"/>. The boundaries therefore
/// move neither when an element changes in place (its key stays) nor when elements are added at the end or removed
/// from the front. Elements after the last boundary stay in the state's own item, so an append writes only that item.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class StoredInRunsAttribute(int runLength) : Attribute
{
    /// <summary>The mean number of elements per run (at least 1).</summary>
    public int RunLength { get; } = runLength;

    /// <summary>
    /// The element property (as named in the stored JSON) that identifies an element across changes; null for
    /// elements that never change once added, which are then keyed by their whole content.
    /// </summary>
    public string? Key { get; init; }
}
