namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>An inclusive range for an integer field, shared by the API, the grains and the OpenAPI document.</summary>
/// <param name="Minimum">The lowest allowed value.</param>
/// <param name="Maximum">The highest allowed value.</param>
public sealed record IntegerRule(int Minimum, int Maximum)
{
    /// <summary>What an out-of-range value is told.</summary>
    public string Message => $"Must be between {Minimum} and {Maximum}.";

    /// <summary>True when the value is within the range.</summary>
    public bool Allows(int value) => value >= Minimum && value <= Maximum;

    /// <summary>Adds a message when the value is out of range; "is required" when it is missing.</summary>
    public void Check(FieldErrors errors, string field, int? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } v)
        {
            errors.Add(field, "Is required.");
            return;
        }

        errors.When(!Allows(v), field, Message);
    }
}
