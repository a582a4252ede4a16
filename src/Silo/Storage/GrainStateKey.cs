using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// The partition key of one grain state: <c>{serviceId}|{stateName}|{grainId}</c>.
/// </summary>
/// <remarks>
/// '|' and '%' are percent-escaped in the service id and state name, and the grain id comes last, so two different
/// (service, state, grain) triples never produce the same text. DynamoDB caps a partition key at 2048 UTF-8 bytes; a longer
/// key is replaced by <c>sha256|{hex}</c> (it has one '|' where readable keys have at least two, so the forms cannot clash),
/// and the readable parts are stored as separate attributes and compared on every read.
/// </remarks>
internal readonly record struct GrainStateKey(string PartitionKey, string ServiceId, string StateName, string GrainId, bool IsHashed)
{
    public const int MaxPartitionKeyBytes = 2048;

    public static GrainStateKey Create(string serviceId, string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var grain = grainId.ToString();
        var readable = $"{Escape(serviceId)}|{Escape(stateName)}|{grain}";
        var bytes = Encoding.UTF8.GetBytes(readable);
        if (bytes.Length <= MaxPartitionKeyBytes)
        {
            return new GrainStateKey(readable, serviceId, stateName, grain, IsHashed: false);
        }

        var hashed = "sha256|" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new GrainStateKey(hashed, serviceId, stateName, grain, IsHashed: true);
    }

    /// <summary>
    /// The partition key of run <paramref name="runId"/> of <paramref name="property"/>: this key with the two appended
    /// after '#', hashed like a state key when that would exceed the limit.
    /// </summary>
    public string RunPartitionKey(string property, string runId)
    {
        var readable = $"{PartitionKey}#{property}#{runId}";
        var bytes = Encoding.UTF8.GetBytes(readable);
        return bytes.Length <= MaxPartitionKeyBytes ? readable : "sha256|" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string Escape(string part) => part.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);
}
