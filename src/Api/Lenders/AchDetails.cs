using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Lenders;

/// <summary>
/// Bank details that passed the rules of <see cref="AchLimits"/>: a holder name, an ABA routing number with a valid
/// checksum, an account number of digits and an account type. Never logged or returned whole.
/// </summary>
internal sealed record AchDetails(string AccountHolder, string RoutingNumber, string AccountNumber, string AccountType)
{
    public string AccountLast4 => AccountNumber[^4..];

    public override string ToString() => $"AchDetails {{ AccountType = {AccountType}, AccountLast4 = {AccountLast4} }}";

    /// <summary>Validated details, or null with the field errors (keys like <c>ach.routing_number</c>).</summary>
    public static AchDetails? Validate(AchRequest? ach, FieldErrors errors)
    {
        if (ach is null)
        {
            errors.Add("ach", "Bank details are required to accept.");
            return null;
        }

        AchLimits.AccountHolder.Check(errors, "ach.account_holder", ach.AccountHolder);

        var routing = ach.RoutingNumber?.Trim();
        if (string.IsNullOrEmpty(routing))
        {
            errors.Add("ach.routing_number", "Is required.");
        }
        else if (routing.Length != AchLimits.RoutingNumberLength || !routing.All(char.IsAsciiDigit))
        {
            errors.Add("ach.routing_number", $"Must be exactly {AchLimits.RoutingNumberLength} digits.");
        }
        else
        {
            errors.When(!IsValidAbaChecksum(routing), "ach.routing_number", "Is not a valid ABA routing number (checksum).");
        }

        var account = ach.AccountNumber?.Trim();
        if (string.IsNullOrEmpty(account))
        {
            errors.Add("ach.account_number", "Is required.");
        }
        else
        {
            errors.When(account.Length < AchLimits.MinAccountNumberLength || account.Length > AchLimits.MaxAccountNumberLength
                    || !account.All(char.IsAsciiDigit), "ach.account_number",
                $"Must be {AchLimits.MinAccountNumberLength} to {AchLimits.MaxAccountNumberLength} digits.");
        }

        var type = ach.AccountType?.Trim().ToLowerInvariant();
        if (type is null || !AchLimits.AccountTypes.Contains(type))
        {
            errors.Add("ach.account_type", $"Must be one of: {string.Join(", ", AchLimits.AccountTypes)}.");
        }

        return errors.IsEmpty ? new AchDetails(ach.AccountHolder!.Trim(), routing!, account!, type!) : null;
    }

    /// <summary>ABA: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10.</summary>
    public static bool IsValidAbaChecksum(string routing)
    {
        if (routing.Length != AchLimits.RoutingNumberLength || !routing.All(char.IsAsciiDigit))
        {
            return false;
        }

        var d = routing.Select(c => c - '0').ToArray();
        var sum = (3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8];
        return sum % 10 == 0;
    }
}
