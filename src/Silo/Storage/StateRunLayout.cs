using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Silo.Storage;

/// <summary>A list of a state type kept in runs of its own items (<see cref="StoredInRunsAttribute"/>), by its JSON name.</summary>
/// <remarks>A property marked <see cref="StoredApartAttribute"/> is one run of one value (<see cref="Single"/>).</remarks>
internal sealed record StateRunLayout(string Property, string? Key, int RunLength, bool Single = false)
{
    /// <summary>Prefix of a single value's name in an item's list of runs, so a read knows to unwrap it.</summary>
    public const string SinglePrefix = "=";

    private static readonly ConcurrentDictionary<Type, StateRunLayout[]> Layouts = new();

    /// <summary>The lists of <paramref name="type"/> stored in runs; empty for most states, which stay one item.</summary>
    public static StateRunLayout[] Of(Type type) => Layouts.GetOrAdd(type, static t =>
    [
        .. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Runs: p.GetCustomAttribute<StoredInRunsAttribute>()))
            .Where(p => p.Runs is not null)
            .Select(p => new StateRunLayout(
                p.Property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Property.Name,
                p.Runs!.Key,
                p.Runs.RunLength >= 1 ? p.Runs.RunLength : throw new InvalidOperationException(
                    $"{t.FullName}.{p.Property.Name}: a run length must be at least 1, not {p.Runs.RunLength}."))),
        .. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<StoredApartAttribute>() is not null)
            .Select(p => new StateRunLayout(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, null, 1, Single: true)),
    ]);
}
