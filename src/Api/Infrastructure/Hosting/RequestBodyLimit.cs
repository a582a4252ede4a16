namespace PrivateLending.Api.Infrastructure.Hosting;

/// <summary>
/// The largest request body Kestrel accepts. Every request of this API is a small JSON document (a loan with 20
/// invitations at every cap is well under 16 KB), so the default is 64 KB instead of Kestrel's 30 MB: a large body
/// can only cost memory and parsing time. Bodies over it, with or without Content-Length (chunked), answer a 413
/// problem with code PAYLOAD_TOO_LARGE.
/// </summary>
internal static class RequestBodyLimit
{
    /// <summary>The setting that overrides the limit, in bytes.</summary>
    public const string SettingKey = "Api:MaxRequestBodyBytes";

    public const long DefaultBytes = 64 * 1024;

    public static WebApplicationBuilder AddApiRequestBodyLimit(this WebApplicationBuilder builder)
    {
        var bytes = builder.Configuration.GetValue<long?>(SettingKey) ?? DefaultBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bytes);
        return builder;
    }
}
