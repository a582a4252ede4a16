using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PrivateLending.Silo.Hosting;

/// <summary>
/// Basic authentication in front of the dashboard when credentials are configured. Basic auth is enough for an
/// operator page behind TLS termination; the comparison is constant-time so it leaks nothing by timing.
/// </summary>
public sealed class DashboardBasicAuthentication(RequestDelegate next, IOptions<DashboardSettings> options)
{
    private readonly DashboardSettings _settings = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        // Orchestrator probes carry no credentials and reveal nothing.
        if (!_settings.RequiresAuthentication || context.Request.Path.StartsWithSegments("/health") || IsAuthorized(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"PrivateLending silo\", charset=\"UTF-8\"";
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var written))
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{_settings.Username}:{_settings.Password}");
        return CryptographicOperations.FixedTimeEquals(decoded[..written], expected);
    }
}
