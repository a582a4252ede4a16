using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>The fixed cast of the random runs: one borrower, five lenders with stable account ids, one stranger.</summary>
internal static class People
{
    public const string Purpose = "Kitchen renovation";

    private static readonly string[] Names = ["ann", "bob", "cy", "dee", "eve"];

    public static readonly Actor Borrower = new(new Guid("00000000-0000-0000-0000-0000000000b0"), "Borrower@Example.com", "Bo Rower", EmailVerified: true);

    public static readonly Actor Stranger = new(new Guid("00000000-0000-0000-0000-0000000000ff"), "stranger@example.com", "Stan Ger", EmailVerified: true);

    public const string BorrowerNormalized = "borrower@example.com";

    public static Guid LenderId(int lender) => new($"00000000-0000-0000-0000-00000000000{lender}");

    /// <summary>The lender's address, normalised (lower case) or shouted.</summary>
    public static string Email(int lender, bool shout)
    {
        var email = $"{Names[lender]}@example.com";
        return shout ? email.ToUpperInvariant() : email;
    }

    /// <summary>Pool lenders 0–4, then the borrower's own address (5), then a malformed one (6).</summary>
    public static string InviteEmail(int lender, bool shout) => lender switch
    {
        5 => shout ? "BORROWER@example.com" : "borrower@example.com",
        6 => "not an email",
        _ => Email(lender, shout),
    };

    public static Actor Lender(int lender, bool shout = false) => new(LenderId(lender), Email(lender, shout), $"Lender {Names[lender]}", EmailVerified: true);

    public static Actor Of(Who who) => who switch
    {
        Who.Borrower => Borrower,
        Who.Lender => Lender(0),
        _ => Stranger,
    };
}
