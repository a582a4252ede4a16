using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Api.Infrastructure.Idempotency;

/// <summary>
/// Reads <c>Idempotency-Key</c> (or <c>X-Idempotency-Key</c>) on POSTs and fingerprints the request, so the grain
/// that applies the command can tell a replay (same key, same fingerprint) from a reuse (same key, other request).
/// The grain stores key and fingerprint in the same write as the effect; this class never stores anything.
/// </summary>
internal sealed class IdempotencyKeys(SigningKeyProvider keys, IOptions<JsonOptions> jsonOptions)
{
    public const string HeaderName = "Idempotency-Key";
    public const string AlternateHeaderName = "X-Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>The token for this request, or null when the client sent no key.</summary>
    public IdempotencyToken? TokenFor<TBody>(HttpContext context, TBody body) =>
        ReadKey(context.Request) is { } key ? new IdempotencyToken(key, Fingerprint(context, body)) : null;

    /// <summary>The client's key; a key that is blank, too long or contradicted by the other header is a 400.</summary>
    public static string? ReadKey(HttpRequest request)
    {
        var primary = Single(request, HeaderName);
        var alternate = Single(request, AlternateHeaderName);
        if (primary is not null && alternate is not null && !string.Equals(primary, alternate, StringComparison.Ordinal))
        {
            throw ApiProblemException.Invalid(HeaderName, "Idempotency-Key and X-Idempotency-Key differ; send one.");
        }

        var key = primary ?? alternate;
        if (key is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw ApiProblemException.Invalid(HeaderName, "The idempotency key must not be blank.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw ApiProblemException.Invalid(HeaderName, $"The idempotency key must be at most {MaxKeyLength} characters.");
        }

        return key;
    }

    /// <summary>Marks a stored answer replayed for an earlier request with the same key.</summary>
    public static void MarkReplayed(HttpResponse response, bool replayed)
    {
        if (replayed)
        {
            response.Headers[ReplayedHeaderName] = "true";
        }
    }

    /// <summary>
    /// Hex HMAC-SHA256 over method, route template, route values and the body as the API understood it
    /// (re-serialised, so whitespace and member order do not matter). Keyed rather than a bare SHA-256 because
    /// bodies carry passwords and bank details, and a bare hash of those stored next to the key could be
    /// brute-forced; route values are included so one key cannot stand for two different loans.
    /// </summary>
    public string Fingerprint<TBody>(HttpContext context, TBody body)
    {
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.ToString();
        var routeValues = string.Join('&', context.Request.RouteValues
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture)}"));
        var canonicalBody = body is null ? "null" : JsonSerializer.Serialize(body, jsonOptions.Value.SerializerOptions);
        var message = Encoding.UTF8.GetBytes($"{context.Request.Method}\n{template}\n{routeValues}\n{canonicalBody}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.FingerprintKey, message));
    }

    private static string? Single(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}
