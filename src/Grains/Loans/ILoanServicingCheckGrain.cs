namespace PrivateLending.Grains.Loans;

/// <summary>
/// A loan's own request to record lateness and default its reads noticed (reads never write). Silo-internal: the
/// grains assembly is not referenced by the API, so no route can reach it.
/// </summary>
public interface ILoanServicingCheckGrain : IGrainWithGuidKey
{
    /// <summary>Records installments newly late and a new default, in one write; nothing when there is nothing new.</summary>
    Task RecordDelinquencyAsync();
}
