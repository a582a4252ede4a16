using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.RateLimiting;

namespace PrivateLending.Api.Live;

/// <summary>
/// The live dashboard at <c>/app/</c>: static HTML, CSS and JavaScript embedded in the assembly (no build step, no
/// CDN), so every copy of the API serves the same page wherever it runs.
/// </summary>
internal static class DashboardPage
{
    public const string Path = "/app";

    /// <summary>Where the verification mail's link points (with <c>?token=</c>).</summary>
    public const string VerifyEmailPath = Path + "/verify-email";

    /// <summary>Where the password-reset mail's link points (with <c>?token=</c>).</summary>
    public const string ResetPasswordPath = Path + "/reset-password";

    // Same origin only: the page loads nothing from elsewhere and talks only to this API.
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardPage).Assembly, "PrivateLending.Api.Live.Dashboard");
        // "/app" matches too; the default-files step redirects it to "/app/" so relative links resolve.
        var page = app.CreateApplicationBuilder()
            // The static-file steps stand aside when an endpoint is already chosen; this branch is that endpoint.
            .Use((context, next) =>
            {
                context.SetEndpoint(null);
                return next(context);
            })
            // Mail links to /app/verify-email and /app/reset-password (stable addresses); the pages are static files.
            .Use((context, next) =>
            {
                foreach (var page in (string[])[VerifyEmailPath, ResetPasswordPath])
                {
                    if (context.Request.Path.Equals(page, StringComparison.OrdinalIgnoreCase))
                    {
                        context.Request.Path = page + ".html";
                    }
                }

                return next(context);
            })
            .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path })
            .UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.CacheControl = "no-cache";
                },
            })
            .Build();
        app.Map($"{Path}/{{**file}}", page).AllowAnonymous().DisableRateLimiting().ExcludeFromDescription();
        return app;
    }
}
