using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Servicing;

/// <summary>Loans ready for servicing, with lenders whose participant ids sort in the order given.</summary>
internal static class ServicingTestData
{
    public static readonly DateOnly Disbursed = new(2025, 1, 15);

    /// <summary>Participant id number <paramref name="n"/>: ids sort by n, so tie-breaks are predictable.</summary>
    public static Guid Participant(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static ServicingState Loan(decimal amount, decimal rate, int term, params decimal[] contributions) =>
        ServicingSetup.Start(Guid.NewGuid(), amount, rate, term, Disbursed,
            [.. contributions.Select((c, i) => new LenderContribution(Participant(i + 1), Guid.NewGuid(), c))]);

    /// <summary>Everything stored, as text, to prove a refused or replayed repayment changed nothing.</summary>
    public static string Snapshot(ServicingState state) =>
        System.Text.Json.JsonSerializer.Serialize(state);
}
