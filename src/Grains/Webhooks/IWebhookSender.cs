using System.Collections.Immutable;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// Sends one signed webhook request. The host implements it (HTTP, with the address guard at connect time); grains
/// only decide what to send, when, and with which secrets, and call this from a timer, never in a request's path.
/// </summary>
public interface IWebhookSender
{
    /// <summary>
    /// POSTs <paramref name="request"/> signed (Standard Webhooks) with each of its secrets. Answers the status code,
    /// or an error and no status when there was no answer (refused address, time-out, connection failure); never throws for those.
    /// </summary>
    Task<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken cancellationToken);
}

/// <summary>What to send: the message id and timestamp headers, the exact body, and the secrets (<c>whsec_…</c>) to sign with.</summary>
public sealed record WebhookRequest(Uri Url, string MessageId, DateTimeOffset Timestamp, string Body, ImmutableArray<string> Secrets);

/// <summary>The endpoint's status code, or null with <see cref="Error"/> when it did not answer.</summary>
public sealed record WebhookResponse(int? StatusCode, string? Error);
