using System.Net;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// The registration-time half of the forgery guard: an absolute http(s) URL without credentials whose host, when it
/// is an address or a local name, is allowed by <see cref="WebhookAddressRule"/>. Host names are checked again on
/// every connection, on each address they resolve to (a name can be re-pointed after registration).
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2048;

    /// <summary>Throws a validation refusal on <c>url</c> unless a webhook may be registered for <paramref name="url"/>.</summary>
    public static Uri Check(string url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw DomainException.Invalid("url", $"Must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw DomainException.Invalid("url", "Must not carry a user name or password.");
        }

        var host = uri.IdnHost;
        var refused = IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? !WebhookAddressRule.IsAllowed(address, options.AllowLoopback, options.AllowPrivateNetworks)
            : WebhookAddressRule.IsLocalHostName(host) && !options.AllowLoopback;
        if (refused)
        {
            throw DomainException.Invalid("url", "Must not point at a loopback, link-local or private address.");
        }

        return uri;
    }
}
