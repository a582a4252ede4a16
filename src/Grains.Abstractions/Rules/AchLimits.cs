namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// The rules for US bank (ACH) details given when accepting an invitation. The API checks them (the grains only
/// ever see the details encrypted) and the OpenAPI document publishes them.
/// </summary>
public static class AchLimits
{
    /// <summary>Digits of an ABA routing number.</summary>
    public const int RoutingNumberLength = 9;

    /// <summary>The fewest digits of an account number.</summary>
    public const int MinAccountNumberLength = 4;

    /// <summary>The most digits of an account number.</summary>
    public const int MaxAccountNumberLength = 17;

    /// <summary>The routing number as a pattern: exactly nine digits.</summary>
    public static readonly string RoutingNumberPattern = $"^[0-9]{{{RoutingNumberLength}}}$";

    /// <summary>The account number as a pattern: four to seventeen digits.</summary>
    public static readonly string AccountNumberPattern = $"^[0-9]{{{MinAccountNumberLength},{MaxAccountNumberLength}}}$";

    /// <summary>The account holder's name: 1 to 200 characters after trimming.</summary>
    public static readonly TextRule AccountHolder = new(1, 200, MaxBytes: 400);

    /// <summary>The account types accepted, as clients send them.</summary>
    public static readonly IReadOnlyList<string> AccountTypes = ["checking", "savings"];
}
