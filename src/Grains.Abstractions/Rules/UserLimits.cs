namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>The field rules of an account; the email's rules are in <see cref="EmailAddress"/>.</summary>
public static class UserLimits
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>The longest password accepted: hashing cost grows with input, so a cap keeps one request cheap.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>A display name: 1 to 200 characters after trimming, at most 400 bytes in UTF-8.</summary>
    public static readonly TextRule Name = new(1, 200, MaxBytes: 400);

    /// <summary>A new password: <see cref="MinPasswordLength"/> to <see cref="MaxPasswordLength"/> characters, taken as typed (never trimmed).</summary>
    public static void CheckPassword(FieldErrors errors, string field, string? password)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Is required.");
            return;
        }

        errors.When(password.Length < MinPasswordLength, field, $"Must be at least {MinPasswordLength} characters.");
        errors.When(password.Length > MaxPasswordLength, field, $"Must be at most {MaxPasswordLength} characters.");
    }
}
