using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Clustering;

/// <summary>
/// One silo's <see cref="MembershipEntry"/> as JSON text inside the cluster item. Dates are ISO 8601 UTC and the
/// status is its name, so nothing depends on the machine's culture and the item reads well in the console.
/// </summary>
internal sealed record MembershipEntryDocument(
    string Address,
    string Status,
    int ProxyPort,
    string? HostName,
    string? SiloName,
    string? RoleName,
    int UpdateZone,
    int FaultZone,
    DateTime StartTime,
    DateTime IAmAliveTime,
    IReadOnlyList<SuspectVote>? SuspectTimes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(MembershipEntry entry)
    {
        var document = new MembershipEntryDocument(
            entry.SiloAddress.ToParsableString(),
            entry.Status.ToString(),
            entry.ProxyPort,
            entry.HostName,
            entry.SiloName,
            entry.RoleName,
            entry.UpdateZone,
            entry.FaultZone,
            Utc(entry.StartTime),
            Utc(entry.IAmAliveTime),
            entry.SuspectTimes?.Select(v => new SuspectVote(v.Item1.ToParsableString(), Utc(v.Item2))).ToList());
        return JsonSerializer.Serialize(document, Json);
    }

    public static MembershipEntry Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<MembershipEntryDocument>(json, Json)
            ?? throw new FormatException("A membership entry is empty.");
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(document.Address),
            Status = Enum.Parse<SiloStatus>(document.Status),
            ProxyPort = document.ProxyPort,
            HostName = document.HostName!,
            SiloName = document.SiloName!,
            RoleName = document.RoleName,
            UpdateZone = document.UpdateZone,
            FaultZone = document.FaultZone,
            StartTime = Utc(document.StartTime),
            IAmAliveTime = Utc(document.IAmAliveTime),
            SuspectTimes = document.SuspectTimes?.Select(v => Tuple.Create(SiloAddress.FromParsableString(v.Silo), Utc(v.Time))).ToList(),
        };
    }

    // Orleans produces UTC times, sometimes with Kind Unspecified; store and return them as UTC.
    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}

/// <summary>A suspicion vote: which silo suspected the entry's silo, and when.</summary>
internal sealed record SuspectVote(string Silo, DateTime Time);
