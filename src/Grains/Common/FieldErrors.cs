using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Common;

/// <summary>Collects every field error of a request so the client learns all of them at once.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Throws a Validation <see cref="DomainException"/> when anything was collected.</summary>
    public void ThrowIfAny()
    {
        if (!Any)
        {
            return;
        }

        var first = _errors.First();
        var message = _errors.Count == 1 && first.Value.Count == 1 ? first.Value[0] : "The request is invalid.";
        throw new DomainException(ErrorCode.Validation, message, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
