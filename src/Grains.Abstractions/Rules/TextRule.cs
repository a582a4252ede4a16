namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Length bounds of a text field, counted after trimming (surrounding spaces are dropped before storing), and the
/// characters display text may not hold (<see cref="DisplayText"/>), shared by the API, the grains and the OpenAPI document.
/// </summary>
/// <param name="MinLength">The fewest characters after trimming (at least 1: blank text counts as missing).</param>
/// <param name="MaxLength">The most characters after trimming.</param>
/// <param name="MaxBytes">
/// The most UTF-8 bytes after trimming (0: no separate cap). Stored items are limited in bytes, and one character may
/// take up to 4 of them, so fields that end up in stored state cap both.
/// </param>
public sealed record TextRule(int MinLength, int MaxLength, int MaxBytes = 0)
{
    /// <summary>True when the trimmed value has an allowed length and only characters display text may hold.</summary>
    public bool Allows(string? value)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length >= MinLength && trimmed.Length <= MaxLength && !OverBytes(trimmed) && DisplayText.IsSafe(value);
    }

    private bool OverBytes(string trimmed) => MaxBytes > 0 && System.Text.Encoding.UTF8.GetByteCount(trimmed) > MaxBytes;

    /// <summary>Adds "is required" for missing or blank text, otherwise a message per broken bound or refused character.</summary>
    public void Check(FieldErrors errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Is required.");
            return;
        }

        var length = value.Trim().Length;
        errors.When(length < MinLength, field, $"Must be at least {MinLength} characters.");
        errors.When(length > MaxLength, field, $"Must be at most {MaxLength} characters.");
        errors.When(length <= MaxLength && OverBytes(value.Trim()), field, $"Must be at most {MaxBytes} bytes in UTF-8.");
        // Checked on the untrimmed value: a line break before or after the text is refused too, not silently dropped.
        errors.When(!DisplayText.IsSafe(value), field, DisplayText.InvalidMessage);
    }
}
