using System.Net.Mail;

namespace PrivateLending.Api.Infrastructure.Validation;

/// <summary>Field rules shared by several endpoints (DESIGN §3). Messages never echo the value.</summary>
internal static class FieldRules
{
    public const int MaxEmailLength = 254;

    /// <summary>Decimal places that matter: 10.50 has one, 10.00 none.</summary>
    public static int SignificantDecimalPlaces(decimal value)
    {
        // Dividing by a one with many zeros drops trailing zeros from the scale.
        var normalised = value / 1.000000000000000000000000000000000m;
        return normalised.Scale;
    }

    /// <summary>A plausible address: one @, a dotted domain, no display name or spaces, at most 254 characters.</summary>
    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxEmailLength || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            return false;
        }

        var host = address.Host;
        return host.Contains('.', StringComparison.Ordinal) && !host.StartsWith('.') && !host.EndsWith('.');
    }

    public static void Email(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Email is required.");
        }
        else
        {
            errors.When(!IsEmail(value), field, "Email is not a valid address.");
        }
    }

    /// <summary>A required money amount: above zero, at most <paramref name="max"/>, at most two decimals.</summary>
    public static void Money(FieldErrors errors, string field, decimal? value, decimal max)
    {
        if (value is not { } amount)
        {
            errors.Add(field, "Amount is required.");
            return;
        }

        errors.When(amount <= 0, field, "Must be greater than 0.");
        errors.When(amount > max, field, $"Must be at most {max:0.##}.");
        errors.When(SignificantDecimalPlaces(amount) > 2, field, "Must have at most 2 decimal places.");
    }

    /// <summary>Required text of 1–<paramref name="max"/> characters after trimming.</summary>
    public static void Text(FieldErrors errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Is required.");
            return;
        }

        errors.When(value.Trim().Length > max, field, $"Must be at most {max} characters.");
    }
}
