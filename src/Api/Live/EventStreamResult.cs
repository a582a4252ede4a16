using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Live;

/// <summary>
/// A text/event-stream response that runs until the client goes or the caller's session ends (checked every
/// heartbeat, so signing out or changing the password closes open streams). It owns the caller's connection slot
/// and gives it back at the end whatever happens. Documented in OpenAPI as a 200 text/event-stream response.
/// </summary>
internal sealed class EventStreamResult(Func<SseWriter, CancellationToken, Task> stream, IDisposable slot, LiveSettings settings)
    : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (slot)
        {
            var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
            var sessions = httpContext.RequestServices.GetRequiredService<Auth.SessionCheck>();
            var watch = WatchSessionAsync(sessions, httpContext.User, ended);
            try
            {
                await stream(new SseWriter(httpContext.Response, json), ended.Token);
            }
            catch (Exception ex) when (ended.IsCancellationRequested && ex is OperationCanceledException or IOException)
            {
                // The client went away or the session ended: the normal ends of an event stream.
            }
            finally
            {
                await ended.CancelAsync();
                await watch;
            }
        }
    }

    private async Task WatchSessionAsync(Auth.SessionCheck sessions, System.Security.Claims.ClaimsPrincipal user, CancellationTokenSource ended)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.HeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(ended.Token))
            {
                if (!await sessions.IsOpenAsync(user))
                {
                    await ended.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended first.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The cluster could not answer: keep the stream; the next request or reconnection is checked again.
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [SseWriter.MediaType]));
    }
}
