using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Health;
using PrivateLending.Api.Infrastructure.Compression;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Cors;
using PrivateLending.Api.Infrastructure.DataProtection;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Infrastructure.RateLimiting;
using PrivateLending.Api.Infrastructure.RequestId;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Users;
using Serilog;

namespace PrivateLending.Api.Infrastructure.Hosting;

/// <summary>All of the API's wiring, so Program.cs stays a few lines.</summary>
internal static class ApiHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddPrivateLendingApi(this WebApplicationBuilder builder)
    {
        // Loopback unless told otherwise (ASPNETCORE_URLS, --urls or "Urls" all land in this key).
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console());

        builder.Services.AddApiSettings(builder.Configuration);
        builder.AddApiOrleansClient();
        builder.Services
            .AddApiJson()
            .AddApiProblems()
            .AddApiAuthentication()
            .AddApiDataProtection()
            .AddApiRateLimiting()
            .AddApiCompression()
            .AddApiCors()
            .AddApiOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<PageTokens>();
        builder.Services.AddSingleton<AchProtector>();
        return builder;
    }

    public static WebApplication UsePrivateLendingApi(this WebApplication app)
    {
        // Resolve the signing key now: a missing or weak key stops start-up, and the development-key warning
        // appears at start rather than on the first login.
        app.Services.GetRequiredService<SigningKeyProvider>();

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseSerilogRequestLogging();
        app.UseApiProblems();
        app.UseApiCompression();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseApiRateLimiting();
        app.UseAuthorization();

        app.MapHealthEndpoints()
            .MapApiDocs()
            .MapAuthEndpoints()
            .MapUserEndpoints()
            .MapLoanEndpoints()
            .MapLenderEndpoints();
        return app;
    }

    /// <summary>One line per invalid setting, for the fatal log when start-up is refused.</summary>
    public static string? DescribeSettingsFailure(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            string.Join(" ", aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        InvalidOperationException { InnerException: FormatException or InvalidOperationException } binding
            when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => binding.Message,
        _ => null,
    };
}
