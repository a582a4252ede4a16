namespace PrivateLending.Grains.Lenders;

/// <summary>
/// A sealed slice of a lender's index (keyed "&lt;lender key&gt;/&lt;chunk number&gt;"), kept in its own storage item so a
/// lender invited by many loans is never one oversized item. Internal to the silo: only <see cref="InvitationIndexGrain"/> calls it.
/// A chunk never grows after sealing: a participation lives in exactly one place, and updates replace it there.
/// </summary>
internal interface ILenderIndexChunkGrain : IGrainWithStringKey
{
    /// <summary>Sets the chunk's items (idempotent: sealing again with the same participants writes nothing).</summary>
    Task SealAsync(List<InvitationItem> items);

    /// <summary>Replaces participations this chunk holds with newer versions; unknown or older ones are ignored.</summary>
    Task UpdateAsync(List<InvitationItem> items);

    /// <summary>Every item of the chunk (read once when the lender grain activates).</summary>
    Task<List<InvitationItem>> ReadAllAsync();
}
