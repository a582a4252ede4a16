using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrivateLending.TestSupport;

namespace PrivateLending.Benchmarks.Seeding;

/// <summary>A registered user with a bearer token.</summary>
internal sealed record BenchUser(string Email, string Name, string UserId, string Token)
{
    public string Authorization => "Bearer " + Token;
}

/// <summary>A lender invited on a loan, as the loan's response names it.</summary>
internal sealed record Invitation(string LoanId, string ParticipantId, string LenderEmail);

/// <summary>
/// The REST calls seeding needs, with retries on 429/503 (honouring Retry-After). Anything else that is
/// not a success is an error that names the call and the response.
/// </summary>
internal sealed partial class ApiClient(HttpClient http, Uri baseUrl)
{
    public const string Password = "Bench-Horse-Battery-Staple-42!";

    /// <summary>A routing number with a valid ABA checksum.</summary>
    public const string RoutingNumber = "011000015";

    public Uri BaseUrl { get; } = baseUrl;

    public HttpClient Http { get; } = http;

    public async Task<BenchUser> RegisterAndLoginAsync(string email, string name, CancellationToken cancellationToken)
    {
        var register = await SendAsync(HttpMethod.Post, "/api/v1/auth/register", null,
            new JsonObject { ["email"] = email, ["password"] = Password, ["name"] = name }, cancellationToken, HttpStatusCode.Conflict);
        var login = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", null,
            new JsonObject { ["email"] = email, ["password"] = Password }, cancellationToken);
        var token = login?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("login returned no access_token");
        var userId = register?["user_id"]?.ToString();
        if (userId is null)
        {
            var me = await SendAsync(HttpMethod.Get, "/api/v1/me", "Bearer " + token, null, cancellationToken);
            userId = me?["user_id"]?.ToString() ?? throw new InvalidOperationException("GET /me returned no user_id");
        }

        var user = new BenchUser(email, name, userId, token);
        if (!await VerifyEmailAsync(user, cancellationToken))
        {
            return user;
        }

        // A token that says verified, so measured requests do not ask the account about it each time.
        login = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", null,
            new JsonObject { ["email"] = email, ["password"] = Password }, cancellationToken);
        return user with { Token = login?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("login returned no access_token") };
    }

    /// <summary>
    /// Opens the link of the verification mail (sent to the in-process SMTP listener): inviting lenders and answering
    /// invitations need a verified address. Signed in as the registrant, as verifying requires. False when the account
    /// was verified before (nothing done).
    /// </summary>
    public async Task<bool> VerifyEmailAsync(BenchUser user, CancellationToken cancellationToken)
    {
        var me = await GetAsync(user, "/api/v1/me", cancellationToken);
        if (me?["email_verified"]?.GetValue<bool>() == true)
        {
            return false;
        }

        for (var attempt = 0; attempt < 600; attempt++)
        {
            var mail = PrivateLending.TestSupport.TestSmtpServer.Shared.Received
                .LastOrDefault(m => string.Equals(m.To, user.Email, StringComparison.OrdinalIgnoreCase) && m.Text.Contains("token=", StringComparison.Ordinal));
            if (mail is not null)
            {
                var token = Uri.UnescapeDataString(mail.Text[(mail.Text.IndexOf("token=", StringComparison.Ordinal) + 6)..].Split((char[])[' ', '\r', '\n', '\t'], 2)[0]);
                await SendAsync(HttpMethod.Post, "/api/v1/auth/verify-email", user.Authorization, new JsonObject { ["token"] = token }, cancellationToken);
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"no verification mail reached {user.Email} within 60 s");
    }

    public static JsonObject LoanBody(decimal amount, string purpose, IEnumerable<(string Email, decimal Amount)> lenders)
    {
        var body = new JsonObject
        {
            ["amount"] = amount,
            ["interest_rate"] = 7.25m,
            ["term_months"] = 36,
            ["purpose"] = purpose,
        };
        var list = LendersArray(lenders);
        if (list.Count > 0)
        {
            body["lenders"] = list;
        }

        return body;
    }

    public static JsonArray LendersArray(IEnumerable<(string Email, decimal Amount)> lenders)
    {
        var list = new JsonArray();
        foreach (var (email, contribution) in lenders)
        {
            list.Add(new JsonObject { ["email"] = email, ["amount"] = contribution });
        }

        return list;
    }

    /// <summary>
    /// An accept body. An acceptance names the terms it accepts: the harness never changes a seeded loan's terms,
    /// so they are at their first version (<paramref name="termsVersion"/> 1).
    /// </summary>
    public static JsonObject AchBody(string holder, long termsVersion = 1) => new()
    {
        ["ach"] = new JsonObject
        {
            ["account_holder"] = holder,
            ["routing_number"] = RoutingNumber,
            ["account_number"] = "000123456789",
            ["account_type"] = "checking",
        },
        ["terms_version"] = termsVersion,
    };

    /// <summary>POST /loans; returns the loan id and the invitations it created.</summary>
    public async Task<(string LoanId, List<Invitation> Invitations)> CreateLoanAsync(
        BenchUser borrower, decimal amount, string purpose, IEnumerable<(string Email, decimal Amount)> lenders, CancellationToken cancellationToken)
    {
        var loan = await SendAsync(HttpMethod.Post, "/api/v1/loans", borrower.Authorization, LoanBody(amount, purpose, lenders), cancellationToken)
            ?? throw new InvalidOperationException("POST /loans returned no body");
        var loanId = loan["loan_id"]?.ToString() ?? throw new InvalidOperationException("POST /loans returned no loan_id");
        return (loanId, Invitations(loanId, loan["participants"]));
    }

    public async Task<List<Invitation>> AddLendersAsync(BenchUser borrower, string loanId, IEnumerable<(string Email, decimal Amount)> lenders, CancellationToken cancellationToken)
    {
        var result = await SendAsync(HttpMethod.Post, $"/api/v1/loans/{loanId}/lenders", borrower.Authorization,
            new JsonObject { ["lenders"] = LendersArray(lenders) }, cancellationToken);
        var participants = result?["participants"] ?? result?["added"] ?? result?["data"];
        return Invitations(loanId, participants);
    }

    public Task AcceptAsync(BenchUser lender, Invitation invitation, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/loans/{invitation.LoanId}/participants/{invitation.ParticipantId}/accept",
            lender.Authorization, AchBody(lender.Name), cancellationToken);

    public Task<JsonNode?> GetAsync(BenchUser user, string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, user.Authorization, null, cancellationToken);

    public static List<Invitation> Invitations(string loanId, JsonNode? participants)
    {
        var list = new List<Invitation>();
        if (participants is JsonArray array)
        {
            foreach (var participant in array)
            {
                var id = participant?["participant_id"]?.ToString();
                var email = participant?["lender_email"]?.ToString();
                if (id is not null && email is not null)
                {
                    list.Add(new Invitation(loanId, id, email));
                }
            }
        }

        return list;
    }

    /// <summary>A request message for the load runner (body serialised once by the caller).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? authorization, byte[]? jsonBody = null) =>
        Build(BaseUrl, method, path, authorization, jsonBody);

    public static HttpRequestMessage Build(Uri baseUrl, HttpMethod method, string path, string? authorization, byte[]? jsonBody = null)
    {
        var message = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (jsonBody is not null)
        {
            var content = new ByteArrayContent(jsonBody);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Content = content;
        }

        return message;
    }

    public static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public async Task<JsonNode?> SendAsync(
        HttpMethod method, string path, string? authorization, JsonNode? body, CancellationToken cancellationToken, HttpStatusCode? alsoFine = null)
    {
        var payload = body is null ? null : Json(body);
        // One key for every attempt: a retried command that the first attempt had applied is answered, not refused as a duplicate.
        var idempotencyKey = method == HttpMethod.Post ? Guid.NewGuid().ToString("N") : null;
        for (var attempt = 1; ; attempt++)
        {
            using var message = Request(method, path, authorization, payload);
            if (idempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await Http.SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt, cancellationToken);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == alsoFine)
                {
                    return text.Length == 0 ? null : JsonNode.Parse(text);
                }

                // Only refusals are retried (a 503 may have applied a command: the idempotency key makes that safe); a 500 is not.
                var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
                if (retryable && attempt < 8)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(250 * attempt);
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{method} {path} answered {(int)response.StatusCode}: {Truncate(text)}"));
            }
        }
    }

    public static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";

    public static string Describe(JsonNode? node) => node is null ? "null" : Truncate(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
}
