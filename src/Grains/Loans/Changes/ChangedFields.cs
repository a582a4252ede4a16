using System.Collections.Immutable;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>The fields one change touched, as text; a field whose value did not change is left out.</summary>
internal sealed class ChangedFields
{
    private readonly List<FieldChange> _fields = [];

    public void Add(string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            _fields.Add(new FieldChange(field, before, after));
        }
    }

    public ImmutableArray<FieldChange> ToImmutable() => [.. _fields];

    /// <summary>The fields of <paramref name="change"/> on <paramref name="after"/>.</summary>
    public static ImmutableArray<FieldChange> Of(LoanChange change, LoanState after)
    {
        var fields = new ChangedFields();
        change.Describe(after, fields);
        return fields.ToImmutable();
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(Enum value) => value.ToString().ToUpperInvariant();

    public static string? Text(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
