using System.Text.Json;
using System.Text.Json.Nodes;
using PrivateLending.Api.Infrastructure.Problems;

namespace PrivateLending.Api.Loans;

/// <summary>
/// <c>?fields=a,b</c>: keeps only the listed top-level members of a response. Asking for a member the resource
/// does not have is a 400, so a typo does not silently return less than the client expects.
/// </summary>
internal static class FieldSelection
{
    /// <summary>The selected members, or null when no selection was asked for (send the whole resource).</summary>
    public static JsonObject? Select<T>(T value, string? fields, JsonSerializerOptions options)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return null;
        }

        var names = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var whole = JsonSerializer.SerializeToNode(value, options)!.AsObject();
        var unknown = names.Where(name => !whole.ContainsKey(name)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            // Echo only names that look like member names, so the response never reflects arbitrary input.
            var shown = unknown.Take(10).Select(name => IsPlainName(name) ? name : "(invalid name)");
            throw ApiProblemException.Invalid("fields", $"Unknown field(s): {string.Join(", ", shown)}.");
        }

        var selected = new JsonObject();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            selected[name] = whole[name]?.DeepClone();
        }

        return selected;
    }

    private static bool IsPlainName(string name) =>
        name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
