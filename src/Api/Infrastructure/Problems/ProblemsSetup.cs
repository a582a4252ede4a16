using Microsoft.AspNetCore.Diagnostics;

namespace PrivateLending.Api.Infrastructure.Problems;

internal static class ProblemsSetup
{
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so the service picks it ahead of the framework's writer.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemEnricher.Enrich);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed JSON and unbindable parameters throw, so they reach the handler and become problems.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Exceptions and bodiless error statuses (unknown route, 405, …) both answer with problem+json.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The handler logs what deserves a log; the middleware's own error log would repeat every 4xx.
            SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService,
        });
        app.UseStatusCodePages();
        return app;
    }
}
