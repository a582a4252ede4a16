using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Servicing;

/// <summary>Early payoff: all principal still owed plus the unpaid interest of installments already due.</summary>
internal static class Payoff
{
    /// <summary>What settles the loan on <paramref name="on"/>; interest of installments due later is not owed.</summary>
    public static PayoffQuote Quote(ServicingState state, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (on < state.DisbursedOn)
        {
            throw DomainException.Invalid("on", "Must not be before the loan was disbursed.");
        }

        var principal = state.Installments.Sum(i => i.UnpaidPrincipal);
        var interest = state.Installments.Where(i => i.DueDate <= on).Sum(i => i.UnpaidInterest);
        return new PayoffQuote(on, principal, interest, principal + interest);
    }

    /// <summary>Waives the unpaid interest of installments due after <paramref name="on"/> (what was paid stays paid).</summary>
    public static void WaiveLaterInterest(ServicingState state, DateOnly on)
    {
        foreach (var installment in state.Installments.Where(i => i.DueDate > on))
        {
            installment.WaivedInterest += installment.UnpaidInterest;
        }
    }
}
