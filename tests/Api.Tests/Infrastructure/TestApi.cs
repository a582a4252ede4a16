using PrivateLending.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>A registered, logged-in user: the access token and the refresh token of its session.</summary>
public sealed record TestUser(string Email, string Password, string Name, Guid UserId, string Token, string RefreshToken = "");

/// <summary>An HTTP response read whole: status, headers, media type, raw body and parsed JSON (when it is JSON).</summary>
public sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("Empty JSON body.");

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}

/// <summary>Small helpers over HttpClient so tests read as requests and assertions.</summary>
/// <param name="inbox">Where the system's mail arrives; <see cref="TestMailbox"/> unless a test sends it elsewhere.</param>
public sealed class TestApi(HttpClient http, IMailInbox? inbox = null)
{
    public const string Password = "correct-horse-battery";
    private static int _counter;

    public HttpClient Http { get; } = http;

    /// <summary>Where the verification links and notices this API's system sends are read.</summary>
    public IMailInbox Inbox { get; } = inbox ?? TestMailbox.Instance;

    public static string UniqueEmail(string prefix = "user") =>
        $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}@example.com";

    public Task<ApiResponse> SendAsync(
        HttpMethod method, string path, string? token = null, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            var json = body as string ?? (body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body));
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return SendAsync(request);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers, body);
        }
    }

    public Task<ApiResponse> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    public Task<ApiResponse> PostAsync(string path, object? body, string? token = null, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, token, body, headers);

    public Task<ApiResponse> RegisterAsync(string email, string password = Password, string name = "Test User") =>
        PostAsync("/api/v1/auth/register", new JsonObject { ["email"] = email, ["password"] = password, ["name"] = name });

    public async Task<string> LoginAsync(string email, string password = Password) => (await SignInAsync(email, password)).Access;

    /// <summary>Signs in: the access token and the refresh token of a new session.</summary>
    public async Task<(string Access, string Refresh)> SignInAsync(string email, string password = Password)
    {
        var response = await PostAsync("/api/v1/auth/login", new JsonObject { ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (response.Json["access_token"]!.GetValue<string>(), response.Json["refresh_token"]!.GetValue<string>());
    }

    /// <summary>Renews a session: the new access and refresh tokens (the refresh token sent stops working).</summary>
    public async Task<(string Access, string Refresh)> RefreshAsync(string refreshToken)
    {
        var response = await PostAsync("/api/v1/auth/refresh", new JsonObject { ["refresh_token"] = refreshToken });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (response.Json["access_token"]!.GetValue<string>(), response.Json["refresh_token"]!.GetValue<string>());
    }

    /// <summary>A registered user who opened the verification mail's link while signed in, with a token that says so.</summary>
    public async Task<TestUser> NewUserAsync(string name = "Test User", string? email = null)
    {
        var user = await NewUnverifiedUserAsync(name, email);
        await VerifyEmailAsync(user);
        var (access, refresh) = await RefreshAsync(user.RefreshToken);
        return user with { Token = access, RefreshToken = refresh };
    }

    /// <summary>A registered, signed-in user who has not opened the verification mail.</summary>
    public async Task<TestUser> NewUnverifiedUserAsync(string name = "Test User", string? email = null)
    {
        email ??= UniqueEmail();
        var registered = await RegisterAsync(email, Password, name);
        Assert.Equal(HttpStatusCode.Accepted, registered.Status);
        var (token, refresh) = await SignInAsync(email);
        var me = await GetAsync("/api/v1/me", token);
        return new TestUser(email, Password, name, Guid.Parse(me.Json["user_id"]!.GetValue<string>()), token, refresh);
    }

    /// <summary>Completes verification like a user: signed in, the token from the link in the newest verification mail.</summary>
    public async Task VerifyEmailAsync(TestUser user)
    {
        var verified = await VerifyEmailAsync(user.Email, user.Token);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    /// <summary>Posts the token of the newest verification mail to <paramref name="email"/> with <paramref name="accessToken"/>.</summary>
    public async Task<ApiResponse> VerifyEmailAsync(string email, string? accessToken)
    {
        var token = await Inbox.VerificationTokenAsync(email);
        return await PostAsync("/api/v1/auth/verify-email", new JsonObject { ["token"] = token }, accessToken);
    }

    public static JsonObject LoanBody(decimal amount = 1000m, params (string Email, decimal Amount)[] lenders)
    {
        var body = new JsonObject
        {
            ["amount"] = amount,
            ["interest_rate"] = 7.5m,
            ["term_months"] = 36,
            ["purpose"] = "Kitchen renovation",
        };
        if (lenders.Length > 0)
        {
            body["lenders"] = Lenders(lenders);
        }

        return body;
    }

    public static JsonArray Lenders(params (string Email, decimal Amount)[] lenders) =>
        [.. lenders.Select(l => (JsonNode)new JsonObject { ["email"] = l.Email, ["amount"] = l.Amount })];

    /// <summary>Creates a loan and returns its JSON.</summary>
    public async Task<JsonNode> CreateLoanAsync(TestUser borrower, decimal amount = 1000m, params (string Email, decimal Amount)[] lenders)
    {
        var response = await PostAsync("/api/v1/loans", LoanBody(amount, lenders), borrower.Token);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Json;
    }

    /// <summary>
    /// The loan as its borrower reads it once every invited address that has an account is linked (the loan links them
    /// right after creation, one more version each), so a test starts from a settled version.
    /// </summary>
    public async Task<JsonNode> LinkedLoanAsync(TestUser borrower, JsonNode loan)
    {
        var path = $"/api/v1/loans/{loan["loan_id"]}";
        var current = (await GetAsync(path, borrower.Token)).Json;
        for (var i = 0; i < 100 && current["participants"]!.AsArray().Any(p => p!["lender_id"] is null); i++)
        {
            await Task.Delay(20);
            current = (await GetAsync(path, borrower.Token)).Json;
        }

        Assert.All(current["participants"]!.AsArray(), p => Assert.NotNull(p!["lender_id"]));
        return current;
    }

    /// <summary>
    /// A valid accept body; the account number and routing number are recognisable so tests can look for leaks.
    /// <paramref name="termsVersion"/> is the terms the lender read: 1 for a loan whose terms never changed, null to leave it out.
    /// </summary>
    public static JsonObject AchBody(
        string holder = "Test Lender", string routing = ValidRouting, string account = SecretAccount, string type = "checking", long? termsVersion = 1)
    {
        var body = new JsonObject
        {
            ["ach"] = new JsonObject
            {
                ["account_holder"] = holder,
                ["routing_number"] = routing,
                ["account_number"] = account,
                ["account_type"] = type,
            },
        };
        if (termsVersion is { } version)
        {
            body["terms_version"] = version;
        }

        return body;
    }

    /// <summary>A real-format routing number with a valid ABA checksum.</summary>
    public const string ValidRouting = "011000015";

    public const string SecretAccount = "9876543210123";
}
