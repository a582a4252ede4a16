namespace PrivateLending.Api.Infrastructure.Validation;

/// <summary>Collects field → messages for a 400 VALIDATION_ERROR; field names are the snake_case ones clients send.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Adds the message when <paramref name="invalid"/> holds; returns whether it did.</summary>
    public bool When(bool invalid, string field, string message)
    {
        if (invalid)
        {
            Add(field, message);
        }

        return invalid;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
