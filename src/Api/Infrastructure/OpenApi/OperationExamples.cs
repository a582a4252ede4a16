using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>An endpoint's example request body and success response, as C# values of its own types.</summary>
internal sealed record OperationExamples(object? Request, object? Response);

/// <summary>
/// Writes each endpoint's <see cref="OperationExamples"/> into its operation, serialised exactly as the API
/// serialises (snake_case, enum names), so an example can never show a shape the API does not use.
/// </summary>
internal sealed class OperationExamplesTransformer(IOptions<JsonOptions> json) : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private const string EventStream = "text/event-stream";

    // Responses write every member; a request example leaves out what a client need not send.
    private readonly JsonSerializerOptions _requestOptions = new(json.Value.SerializerOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationExamples>().LastOrDefault();
        if (examples is null)
        {
            return Task.CompletedTask;
        }

        if (examples.Request is { } request && operation.RequestBody?.Content?.TryGetValue(Json, out var body) == true)
        {
            body.Example = JsonSerializer.SerializeToNode(request, request.GetType(), _requestOptions);
        }

        var success = operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).FirstOrDefault();
        if (examples.Response is string stream && success?.Content?.TryGetValue(EventStream, out var events) == true)
        {
            // An event stream's example is its text as a client reads it.
            events.Example = System.Text.Json.Nodes.JsonValue.Create(stream);
        }
        else if (examples.Response is { } response && success?.Content?.TryGetValue(Json, out var content) == true)
        {
            content.Example = JsonSerializer.SerializeToNode(response, response.GetType(), json.Value.SerializerOptions);
        }

        return Task.CompletedTask;
    }
}

internal static class OperationExamplesMetadata
{
    /// <summary>Documents an example request body and/or success response for the endpoint.</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, object? request = null, object? response = null) =>
        builder.WithMetadata(new OperationExamples(request, response));
}
