using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Live;

/// <summary>
/// A text/event-stream response that runs until the client goes. It owns the caller's connection slot and gives
/// it back at the end whatever happens. Documented in OpenAPI as a 200 text/event-stream response.
/// </summary>
internal sealed class EventStreamResult(Func<SseWriter, CancellationToken, Task> stream, IDisposable slot)
    : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (slot)
        {
            var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var aborted = httpContext.RequestAborted;
            try
            {
                await stream(new SseWriter(httpContext.Response, json), aborted);
            }
            catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
            {
                // The client went away: the normal end of an event stream.
            }
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [SseWriter.MediaType]));
    }
}
