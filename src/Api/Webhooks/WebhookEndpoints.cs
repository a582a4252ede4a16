using PrivateLending.Grains.Abstractions.Loans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Api.Webhooks;

/// <summary>
/// Webhook endpoints of the caller (Standard Webhooks): register, list, delete, re-enable, rotate the secret, and
/// look at or replay deliveries. Another user's webhook answers 404 like a missing one.
/// </summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization();
        hooks.MapPost("", CreateAsync)
            .WithName("CreateWebhook")
            .WithSummary("Register a webhook")
            .WithDescription("Registers an http(s) endpoint for the caller's events: those of the caller's loans as borrower and "
                + "of the caller's own participations (see docs/webhooks.md). Types: " + string.Join(", ", LoanEvents.All) + ". "
                + "Answers the signing secret (whsec_…) once. Loopback, link-local and private targets are refused (400 on url). "
                + "Requires a verified email (403 EMAIL_NOT_VERIFIED); 409 past the per-user limit.")
            .WithExamples(WebhookExamples.Create, WebhookExamples.Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        hooks.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("My webhooks")
            .WithDescription("The caller's webhook endpoints, oldest first, without their secrets.")
            .WithExamples(response: WebhookExamples.List)
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        hooks.MapGet("/{webhook_id:guid}", GetAsync)
            .WithName("GetWebhook")
            .WithSummary("Get a webhook")
            .WithDescription("One of the caller's webhook endpoints: whether it is enabled (and why not), since when it has been failing, pending deliveries.")
            .WithExamples(response: WebhookExamples.Webhook)
            .ProducesProblems(StatusCodes.Status404NotFound);
        hooks.MapDelete("/{webhook_id:guid}", DeleteAsync)
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook")
            .WithDescription("Deletes the endpoint and answers it as it was; its pending deliveries are dropped.")
            .WithExamples(response: WebhookExamples.Webhook)
            .ProducesProblems(StatusCodes.Status404NotFound);
        hooks.MapPost("/{webhook_id:guid}/enable", EnableAsync)
            .WithName("EnableWebhook")
            .WithSummary("Re-enable a webhook")
            .WithDescription("Enables an endpoint disabled after a 410 Gone or five days of failures; pending deliveries are sent again at once.")
            .WithExamples(response: WebhookExamples.Webhook)
            .ProducesProblems(StatusCodes.Status404NotFound);
        hooks.MapPost("/{webhook_id:guid}/rotate-secret", RotateAsync)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a webhook's secret")
            .WithDescription("Answers a new secret (once). The previous one stays valid for 24 hours: until previous_secret_expires_at "
                + "every delivery carries both signatures, so a receiver can switch without losing a message.")
            .WithExamples(response: WebhookExamples.Rotated)
            .ProducesProblems(StatusCodes.Status404NotFound);
        hooks.MapGet("/{webhook_id:guid}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("A webhook's deliveries")
            .WithDescription("Pending deliveries and the most recent finished ones, newest first, each with its attempts (status code or error).")
            .WithExamples(response: WebhookExamples.Deliveries)
            .ProducesProblems(StatusCodes.Status404NotFound);
        hooks.MapPost("/{webhook_id:guid}/deliveries/{delivery_id}/replay", ReplayAsync)
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Replay a delivery")
            .WithDescription("Sends a kept delivery again now, with the same webhook-id, and retries it on the usual schedule. "
                + "409 while the webhook is disabled.")
            .WithExamples(response: WebhookExamples.Delivery with { Status = WebhookDeliveryStatus.Pending })
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<WebhookSecretResponse>, ValidationProblem>> CreateAsync(
        CreateWebhookRequest request, Caller caller, IClusterClient cluster)
    {
        caller.RequireVerifiedEmail();
        var errors = WebhookValidation.Create(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        var created = await cluster.GetGrain<IWebhookGrain>(id).CreateAsync(
            new CreateWebhook(caller.UserId, request.Url!.Trim(), [.. request.Events!], request.Description?.Trim()));
        return TypedResults.Created($"/api/v1/webhooks/{id}", WebhookMapping.ToResponse(created));
    }

    private static async Task<Ok<WebhookListResponse>> ListAsync(Caller caller, IClusterClient cluster)
    {
        var ids = await cluster.GetGrain<IWebhookOwnerGrain>(caller.UserId).ListAsync();
        var views = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IWebhookGrain>(id).GetAsync(caller.UserId)));
        return TypedResults.Ok(new WebhookListResponse([.. views.OfType<WebhookView>().Select(WebhookMapping.ToResponse)]));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, Caller caller, IClusterClient cluster) =>
        await cluster.GetGrain<IWebhookGrain>(webhookId).GetAsync(caller.UserId) is { } view
            ? TypedResults.Ok(WebhookMapping.ToResponse(view))
            : NotFound();

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> DeleteAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, Caller caller, IClusterClient cluster) =>
        await cluster.GetGrain<IWebhookGrain>(webhookId).DeleteAsync(caller.UserId) is { } deleted
            ? TypedResults.Ok(WebhookMapping.ToResponse(deleted))
            : NotFound();

    private static async Task<Ok<WebhookResponse>> EnableAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(WebhookMapping.ToResponse(await cluster.GetGrain<IWebhookGrain>(webhookId).EnableAsync(caller.UserId)));

    private static async Task<Ok<WebhookSecretResponse>> RotateAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(WebhookMapping.ToResponse(await cluster.GetGrain<IWebhookGrain>(webhookId).RotateSecretAsync(caller.UserId)));

    private static async Task<Results<Ok<WebhookDeliveryListResponse>, ProblemHttpResult>> DeliveriesAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, Caller caller, IClusterClient cluster) =>
        await cluster.GetGrain<IWebhookGrain>(webhookId).GetDeliveriesAsync(caller.UserId) is { } deliveries
            ? TypedResults.Ok(new WebhookDeliveryListResponse([.. deliveries.Select(WebhookMapping.ToResponse)]))
            : NotFound();

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, [FromRoute(Name = "delivery_id")] string deliveryId, Caller caller,
        IClusterClient cluster) =>
        await cluster.GetGrain<IWebhookGrain>(webhookId).ReplayAsync(caller.UserId, deliveryId) is { } delivery
            ? TypedResults.Accepted($"/api/v1/webhooks/{webhookId}/deliveries", WebhookMapping.ToResponse(delivery))
            : ApiResults.NotFound("No delivery with this id is kept for this webhook.");

    private static ProblemHttpResult NotFound() => ApiResults.NotFound("No webhook with this id is yours.");
}
