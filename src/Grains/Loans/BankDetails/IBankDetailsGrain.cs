namespace PrivateLending.Grains.Loans.BankDetails;

/// <summary>
/// One acceptance's bank details as the API encrypted them, in an item of their own, written once. The loan's item,
/// which every later command of the loan rewrites, keeps only this grain's id and the parts that may be shown.
/// Silo-internal: it lives in the grains assembly, which the API does not reference, so no REST route can reach it.
/// </summary>
public interface IBankDetailsGrain : IGrainWithGuidKey
{
    /// <summary>Stores <paramref name="details"/>; the same details again change nothing, other details are refused (written once).</summary>
    Task StoreAsync(StoredBankDetails details);

    /// <summary>The stored details, or null when none were stored under this id.</summary>
    Task<StoredBankDetails?> GetAsync();
}
