namespace PrivateLending.Grains.Limits;

/// <summary>One day's count (a new day starts from zero).</summary>
[GenerateSerializer, Alias("PrivateLending.DailyCounterState")]
public sealed class DailyCounterState
{
    /// <summary>The UTC day <see cref="Count"/> belongs to.</summary>
    [Id(0)] public DateOnly Day { get; set; }

    [Id(1)] public int Count { get; set; }
}
