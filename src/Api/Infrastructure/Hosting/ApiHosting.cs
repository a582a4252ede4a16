using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Audit;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Documents;
using PrivateLending.Api.Health;
using PrivateLending.Api.Infrastructure.Compression;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Cors;
using PrivateLending.Api.Infrastructure.DataProtection;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Logging;
using PrivateLending.Api.Infrastructure.Metrics;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Infrastructure.RateLimiting;
using PrivateLending.Api.Infrastructure.RequestId;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Live;
using PrivateLending.Api.Webhooks;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Records;
using PrivateLending.Api.Servicing;
using PrivateLending.Api.Users;
using PrivateLending.Hosting;
using PrivateLending.Hosting.Logging;
using Serilog;

namespace PrivateLending.Api.Infrastructure.Hosting;

/// <summary>All of the API's wiring, so Program.cs stays a few lines.</summary>
internal static class ApiHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddPrivateLendingApi(this WebApplicationBuilder builder)
    {
        // Loopback unless told otherwise (ASPNETCORE_URLS, --urls or "Urls" all land in this key).
        var publicUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(publicUrls))
        {
            publicUrls = DefaultUrl;
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddApiMetricsAddress(publicUrls);

        builder.AddHostDefaults("privatelending-api", "Microsoft.AspNetCore.RateLimiting", ProblemMetrics.MeterName);
        builder.AddApiRequestBodyLimit();
        builder.Services.AddApiSettings(builder.Configuration);
        builder.AddApiOrleansClient();
        builder.UseOrleansClient(client => client.AddActivityPropagation());
        builder.AddApiLive();
        builder.Services
            .AddApiJson()
            .AddApiProblems()
            .AddApiAuthentication()
            .AddApiDataProtection(builder.Configuration)
            .AddApiRateLimiting()
            .AddApiCompression()
            .AddApiCors()
            .AddApiOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<PageTokens>();
        builder.Services.AddSingleton<AchProtector>();
        builder.Services.AddOptions<AdminSettings>().BindConfiguration(AdminSettings.Section);
        builder.Services.AddSingleton<AdminAccess>();
        builder.Services.AddSingleton<UploadLimiter>();
        return builder;
    }

    public static WebApplication UsePrivateLendingApi(this WebApplication app)
    {
        // Settings first, all at once; then the signing key, so the development-key warning shows at start.
        app.Services.ValidateSettingsNow();
        app.Services.GetRequiredService<SigningKeyProvider>();
        // Made now, not at the first event stream, so its gauges (live connections) are on /metrics from the start, at zero.
        app.Services.GetRequiredService<LiveFeed>();

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseApiRequestLogging();
        app.UseApiProblems();
        app.UseApiMetrics();
        app.UseApiCompression();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseApiRateLimiting();
        app.UseMiddleware<AuditRequestContext>();
        app.UseAuthorization();

        app.MapApiMetrics();
        app.MapHealthEndpoints()
            .MapApiDocs()
            .MapAuthEndpoints()
            .MapUserEndpoints()
            .MapVerificationEndpoints()
            .MapSessionEndpoints()
            .MapPasswordEndpoints()
            .MapLoanEndpoints()
            .MapLenderEndpoints()
            .MapLenderBatchEndpoints()
            .MapRecordEndpoints()
            .MapServicingEndpoints()
            .MapRepaymentEndpoints()
            .MapStatementEndpoints()
            .MapDocumentEndpoints()
            .MapAuditEndpoints()
            .MapLiveEndpoints()
            .MapWebhookEndpoints()
            .MapDashboardPage();
        return app;
    }

    /// <summary>
    /// Logs why the API could not run and gives the exit code. A fresh console logger is used: the host's own
    /// logger may already be disposed with the host. Invalid settings get one line naming each setting.
    /// </summary>
    public static int ReportFailure(Exception exception)
    {
        using var console = new LoggerConfiguration().WriteToConsole(LoggingSetup.IsJsonFromEnvironment()).CreateLogger();
        if (DescribeSettingsFailure(exception) is { } settings)
        {
            console.Fatal("Invalid configuration, not starting: {Failures}", settings);
        }
        else
        {
            console.Fatal(exception, "The API stopped unexpectedly");
        }

        return 1;
    }

    internal static string? DescribeSettingsFailure(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => DescribeSettingsFailure(e) is not null) =>
            string.Join(" ", aggregate.InnerExceptions.Select(DescribeSettingsFailure)),
        // The configuration binder names the setting: "Failed to convert configuration value 'x' at 'Cluster:GatewayPort' …".
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            binding.Message,
        _ => null,
    };
}
