using Microsoft.AspNetCore.Diagnostics;

namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>The one place exceptions become responses: domain refusals, storage and cluster failures, bad input.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to read a problem.
            LogAborted(logger, httpContext.TraceIdentifier);
            return true;
        }

        var spec = ExceptionProblemMapper.Map(exception);
        if (ExceptionProblemMapper.IsUnexpected(spec))
        {
            LogUnexpected(logger, exception, httpContext.TraceIdentifier);
        }
        else if (spec.Status >= 500)
        {
            LogUnavailable(logger, spec.Status, exception.GetType().Name, httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = spec.Status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = spec.ToProblemDetails(),
            Exception = exception,
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for request {RequestId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string requestId);

    // Only the type: the message of a transient failure adds nothing and may name internal hosts.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Status} for request {RequestId} after {ExceptionType}")]
    private static partial void LogUnavailable(ILogger logger, int status, string exceptionType, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId} aborted by the client")]
    private static partial void LogAborted(ILogger logger, string requestId);
}
