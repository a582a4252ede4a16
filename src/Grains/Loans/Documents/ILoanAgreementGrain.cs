namespace PrivateLending.Grains.Loans.Documents;

/// <summary>
/// A loan's own request to write a due version of its agreement (from its outbox). Silo-internal: the grains assembly
/// is not referenced by the API, so no route can reach it.
/// </summary>
public interface ILoanAgreementGrain : IGrainWithGuidKey
{
    /// <summary>Renders and stores the version's PDF and records it, in one write; nothing when it is already recorded.</summary>
    Task WriteAgreementAsync(int version);
}
