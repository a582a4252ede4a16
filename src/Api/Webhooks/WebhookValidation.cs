using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Api.Webhooks;

/// <summary>Shape rules of a webhook request; where the URL may point is the silo's decision (its forgery guard).</summary>
internal static class WebhookValidation
{
    public const int MaxUrlLength = 2048;

    public static readonly TextRule Description = new(1, 200, 800);

    public static FieldErrors Create(CreateWebhookRequest request)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            errors.Add("url", "Is required.");
        }
        else
        {
            var url = request.Url.Trim();
            errors.When(url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"),
                "url", $"Must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        if (request.Events is not { Count: > 0 } events)
        {
            errors.Add("events", "Is required: one or more of " + string.Join(", ", LoanEvents.All) + ".");
        }
        else
        {
            errors.When(events.Any(e => e is null || !LoanEvents.IsKnown(e)), "events",
                "Must name only known event types: " + string.Join(", ", LoanEvents.All) + ".");
        }

        if (request.Description is not null)
        {
            Description.Check(errors, "description", request.Description);
        }

        return errors;
    }
}
