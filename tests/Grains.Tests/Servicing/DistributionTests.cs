using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Tests.Servicing;

public sealed class DistributionTests
{
    [Fact]
    public void Split_OneCentAmongThreeEqualLenders_LowestIdGetsIt()
    {
        var shares = Distribution.Split([100, 100, 100], [0, 0, 0], 0.01m);

        Assert.Equal([0.01m, 0m, 0m], shares);
    }

    [Fact]
    public void Split_RepeatedCents_EqualLendersTakeTurns()
    {
        long[] held = [0, 0, 0];
        var received = new List<int>();
        for (var total = 1; total <= 6; total++)
        {
            var next = Distribution.Allocate([100, 100, 100], held, total);
            received.Add(Enumerable.Range(0, 3).Single(i => next[i] != held[i]));
            held = next;
        }

        Assert.Equal([0, 1, 2, 0, 1, 2], received);
    }

    [Fact]
    public void Split_ProRata_SharesSumExactly()
    {
        var shares = Distribution.Split([50_000_00, 30_000_00, 20_000_00], [0, 0, 0], 860.66m);

        Assert.Equal([430.33m, 258.20m, 172.13m], shares);
        Assert.Equal(860.66m, shares.Sum());
    }

    [Fact]
    public void Allocate_WhereLargestRemainderGetsStuck_StaysWithinOneCent()
    {
        // With largest-remainder first, the five small lenders (share 0.775 each at 31) all get a cent at 31; at 32
        // the big ones' exact shares are whole (16 and 12) and 33 cents would be needed without taking any back.
        long[] weights = [1, 1, 1, 1, 1, 20, 15];
        long[] held = [0, 0, 0, 0, 0, 0, 0];
        foreach (var total in new long[] { 4, 10, 13, 24, 31, 32 })
        {
            var next = Distribution.Allocate(weights, held, total);
            Assert.Equal(total, next.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                Assert.True(next[i] >= held[i]);
                // |next − total·w/W| < 1 cent, in whole numbers: |next·W − total·w| < W.
                Assert.True(Math.Abs((next[i] * 40) - (total * weights[i])) < 40, $"lender {i} holds {next[i]} at {total}");
            }

            held = next;
        }

        Assert.Equal([1, 1, 1, 1, 0, 16, 12], held);
    }

    [Fact]
    public void Allocate_TotalBelowWhatIsHeld_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Distribution.Allocate([1, 1], [3, 3], 5));

    [Fact]
    public void ToCents_FractionOfACent_Throws() =>
        Assert.Throws<ArgumentException>(() => Distribution.ToCents(0.001m));
}
