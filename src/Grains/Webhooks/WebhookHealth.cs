namespace PrivateLending.Grains.Webhooks;

/// <summary>What an attempt's answer means for its delivery and its endpoint.</summary>
public enum AttemptOutcome
{
    /// <summary>2xx: delivered; the endpoint's failure streak ends.</summary>
    Delivered,

    /// <summary>Any other answer or no answer: retry on the schedule.</summary>
    Retry,

    /// <summary>410 Gone: the receiver asks us to stop; the endpoint is disabled.</summary>
    Gone,
}

/// <summary>
/// When an endpoint is disabled: at once on 410 Gone, or when every attempt has failed for <c>DisableAfter</c>
/// (5 days by default). The streak starts at the first failure after a success and ends at the next success.
/// </summary>
public sealed class WebhookHealth(WebhookOptions options)
{
    public const string GoneReason = "gone";
    public const string FailingReason = "failing";

    public static AttemptOutcome Classify(int? statusCode) =>
        statusCode switch
        {
            >= 200 and < 300 => AttemptOutcome.Delivered,
            410 => AttemptOutcome.Gone,
            _ => AttemptOutcome.Retry,
        };

    /// <summary>The failure streak's start after an attempt with <paramref name="outcome"/>.</summary>
    public static DateTimeOffset? FailingSince(DateTimeOffset? before, AttemptOutcome outcome, DateTimeOffset attemptAt) =>
        outcome == AttemptOutcome.Delivered ? null : before ?? attemptAt;

    /// <summary>Why the endpoint must be disabled now, or null while it may keep trying.</summary>
    public string? DisableReason(AttemptOutcome outcome, DateTimeOffset? failingSince, DateTimeOffset now) =>
        outcome == AttemptOutcome.Gone ? GoneReason
        : failingSince is { } since && now - since >= options.DisableAfter ? FailingReason
        : null;
}
