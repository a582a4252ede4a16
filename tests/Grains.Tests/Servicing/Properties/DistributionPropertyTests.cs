using System.Numerics;
using CsCheck;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Servicing.Properties;

/// <summary>
/// The carry-forward alone, over long runs of mostly one-to-three-cent steps (where the odd cent matters most) and
/// lenders whose weights differ by up to nine orders of magnitude.
/// </summary>
public sealed class DistributionPropertyTests
{
    private static readonly Gen<long[]> Weights = Gen.Frequency(
        (2, Gen.Long[1, 20].Array[1, 8]),
        (2, Gen.Frequency((4, Gen.Long[1, 3]), (1, Gen.Long[1, 1_000_000_000])).Array[1, 100]),
        (1, Gen.Long[1, 1_000_000_000].Array[2, 100]));

    private static readonly Gen<long[]> Increments = Gen.Frequency((8, Gen.Long[0, 3]), (2, Gen.Long[4, 500]), (1, Gen.Long[500, 1_000_000_000])).Array[1, 300];

    [Fact]
    public void Allocate_RandomWeightsAndIncrements_SharesSumNoneNegativeAndEveryTotalWithinOneCent() =>
        Gen.Select(Weights, Increments).Sample((weights, increments) =>
        {
            var sum = weights.Aggregate(BigInteger.Zero, (s, w) => s + w);
            var held = new long[weights.Length];
            long total = 0;
            foreach (var increment in increments)
            {
                total += increment;
                var next = Distribution.Allocate(weights, held, total);
                if (next.Sum() != total)
                {
                    throw new InvalidOperationException($"shares sum to {next.Sum() - held.Sum()}, not {increment}");
                }

                for (var i = 0; i < weights.Length; i++)
                {
                    if (next[i] < held[i])
                    {
                        throw new InvalidOperationException($"lender {i} would give back {held[i] - next[i]} at total {total}");
                    }

                    // Exact share total·w/W as a rational: |held·W − total·w| < W means less than one cent off.
                    if (BigInteger.Abs((next[i] * sum) - ((BigInteger)total * weights[i])) >= sum)
                    {
                        throw new InvalidOperationException($"lender {i} holds {next[i]} at total {total}: a cent or more off");
                    }
                }

                held = next;
            }
        }, iter: 400);
}
