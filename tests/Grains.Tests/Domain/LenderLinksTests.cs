using PrivateLending.Grains.Lenders;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class LenderLinksTests
{
    [Fact]
    public void Add_PastTheCap_ListTurnsIntoFlag()
    {
        var state = Linked();
        var loans = Enumerable.Range(0, LenderLinks.MaxPending + 1).Select(_ => Guid.NewGuid()).ToList();

        loans.Take(LenderLinks.MaxPending).ToList().ForEach(id => LenderLinks.Add(state, id));
        var full = (state.LinkEveryLoan, state.PendingLinks.Count);
        LenderLinks.Add(state, loans[^1]);

        Assert.Equal((false, LenderLinks.MaxPending), full);
        Assert.Equal((true, 0), (state.LinkEveryLoan, state.PendingLinks.Count));
    }

    [Fact]
    public void Add_SameLoanTwice_ListedOnce()
    {
        var state = Linked();
        var loan = Guid.NewGuid();

        LenderLinks.Add(state, loan);
        LenderLinks.Add(state, loan);

        Assert.Equal([loan], state.PendingLinks);
    }

    [Fact]
    public void Untold_FlagSet_EveryIndexLoanOnceLessThoseTold()
    {
        var index = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var state = Linked();
        state.LinkEveryLoan = true;
        state.PendingLinks = [index[0]];

        var untold = LenderLinks.Untold(state, index, new HashSet<Guid> { index[1] });

        Assert.Equal([index[0], index[2]], untold);
    }

    [Fact]
    public void WithoutTold_SomeIndexLoansUntold_FlagKept()
    {
        var index = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var state = Linked();
        state.LinkEveryLoan = true;

        Assert.Null(LenderLinks.WithoutTold(state, index, new HashSet<Guid> { index[0] }));
        Assert.False(LenderLinks.WithoutTold(state, index, new HashSet<Guid>(index))!.LinkEveryLoan);
    }

    [Fact]
    public void WithoutTold_ListPartlyTold_OnlyUntoldKept()
    {
        var (told, untold) = (Guid.NewGuid(), Guid.NewGuid());
        var state = Linked();
        state.PendingLinks = [told, untold];

        var next = LenderLinks.WithoutTold(state, [], new HashSet<Guid> { told });

        Assert.Equal([untold], next!.PendingLinks);
        Assert.Equal([told, untold], state.PendingLinks);
    }

    [Fact]
    public void AnyPending_NoAccount_False() =>
        Assert.False(LenderLinks.AnyPending(new LenderState { LinkEveryLoan = true, PendingLinks = [Guid.NewGuid()] }));

    private static LenderState Linked() => new() { Email = "zed@example.com", AccountId = Guid.NewGuid(), AccountName = "Zed" };
}
