using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// Collects every field error of a request so the client learns all of them at once. Field names are the
/// snake_case ones clients send (<c>lenders[0].email</c>); messages never echo the value.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True while nothing was collected.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds one message for a field.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
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

    /// <summary>Field name to messages.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws a <see cref="DomainErrorCode.Validation"/> <see cref="DomainException"/> when anything was collected.</summary>
    public void ThrowIfAny()
    {
        if (IsEmpty)
        {
            return;
        }

        var first = _errors.First();
        var message = _errors.Count == 1 && first.Value.Count == 1 ? first.Value[0] : "The request is invalid.";
        throw new DomainException(DomainErrorCode.Validation, message, ToDictionary());
    }
}
