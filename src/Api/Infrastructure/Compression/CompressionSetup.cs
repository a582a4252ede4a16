using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Infrastructure.Compression;

internal static class CompressionSetup
{
    /// <summary>Responses below this size are sent as they are: compressing them costs more than it saves.</summary>
    public const int MinimumBytes = 1024;

    public static IServiceCollection AddApiCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Off for HTTPS by default (BREACH); this API speaks plain HTTP behind a terminating proxy.
            options.EnableForHttps = false;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Append("application/problem+json");
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, SizeAwareCompressionProvider>());
        return services;
    }

    public static IApplicationBuilder UseApiCompression(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        // Inside compression: holds small bodies back so their length is known when compression decides.
        app.UseMiddleware<SmallResponseBufferingMiddleware>();
        return app;
    }

    /// <summary>The standard provider, except that a body whose length is known and small is left alone.</summary>
    private sealed class SizeAwareCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.Response.ContentLength is not (< MinimumBytes) && base.ShouldCompressResponse(context);
    }
}
