using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static PrivateLending.Benchmarks.Baseline.SeedTables;

namespace PrivateLending.Benchmarks.Baseline;

/// <summary>
/// The seed system's documented access pattern, served over HTTP by a minimal Kestrel app inside the benchmark
/// process (so both sides pay HTTP and JSON), against the same dynalite as our silo.
/// <para>GET /seed/v1/me/loans?limit&amp;next_token — 1 Query (borrower-index, newest first) + 1 Query of participants
/// per loan (issued concurrently) + 1 BatchGetItem of the lenders (users) + 1 BatchGetItem of the ACH rows of accepted
/// participants: 13 calls for a page of 10.</para>
/// <para>POST /seed/v1/loans/{id}/lenders — the seed's read-check-write after its optimisation, 7 + 2 per lender
/// (27 for 10): GetItem caller (its auth middleware loaded the user), GetItem loan, Query participants, per lender a
/// user lookup by email (Query email-index) and a conditional PutItem of the participant (lenders concurrently),
/// UpdateItem of the loan's totals and version (conditional on the version read), PutItem audit, PutItem history,
/// PutItem outbox event.</para>
/// Authentication is a dictionary lookup of an opaque bearer token (no signature check): cheaper than our JWT
/// validation, so it favours the baseline.
/// </summary>
internal sealed partial class SeedBaselineServer : IAsyncDisposable
{
    private readonly CountingDynamoDb _dynamo;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public SeedBaselineServer(CountingDynamoDb dynamo, int port)
    {
        _dynamo = dynamo;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Registers an opaque token for a user id; returns the Authorization header value.</summary>
    public string Authorize(string userId)
    {
        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = userId;
        return "Bearer " + token;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapGet("/noop", (HttpContext context) => WriteJsonAsync(context, 200, static w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteEndObject();
        }));
        app.MapGet("/seed/v1/me/loans", MyLoansAsync);
        app.MapPost("/seed/v1/loans/{loanId}/lenders", async (HttpContext context, string loanId) =>
        {
            try
            {
                await AddLendersAsync(context, loanId);
            }
            catch (ConditionalCheckFailedException)
            {
                // The seed's read-check-write lost a race with another request on the same loan.
                await ProblemAsync(context, 409, "CONFLICT");
            }
        });
        await app.StartAsync();
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private string? Caller(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(header[7..], out var userId) ? userId : null;
    }

    private async Task MyLoansAsync(HttpContext context)
    {
        var borrowerId = Caller(context);
        if (borrowerId is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var ct = context.RequestAborted;
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 20;
        var query = new QueryRequest
        {
            TableName = Loans,
            IndexName = BorrowerIndex,
            KeyConditionExpression = "borrower_id = :b",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":b"] = S(borrowerId) },
            ScanIndexForward = false,
            Limit = limit,
        };
        var nextToken = context.Request.Query["next_token"].ToString();
        if (nextToken.Length > 0)
        {
            query.ExclusiveStartKey = JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(nextToken))!
                .ToDictionary(pair => pair.Key, pair => S(pair.Value));
        }

        // 1 Query on the borrower index.
        var loans = await _dynamo.QueryAsync(query, ct);
        var loanItems = loans.Items ?? [];

        // 1 Query of participants per loan, concurrently.
        var participants = await Task.WhenAll(loanItems.Select(loan => QueryParticipantsAsync(loan["loan_id"].S, ct)));

        // 1 BatchGetItem of the lenders, 1 of the ACH rows of accepted participants.
        var lenderIds = participants.SelectMany(p => p).Where(p => p.ContainsKey("lender_id")).Select(p => p["lender_id"].S).Distinct(StringComparer.Ordinal).ToList();
        var accepted = participants.SelectMany(p => p).Where(p => p["status"].S == "ACCEPTED").Select(p => p["participant_id"].S).ToList();
        var usersTask = BatchGetAsync(Users, "user_id", lenderIds, ct);
        var achTask = BatchGetAsync(Ach, "participant_id", accepted, ct);
        var users = await usersTask;
        var ach = await achTask;

        string? next = null;
        if (loans.LastEvaluatedKey is { Count: > 0 } last)
        {
            next = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(last.ToDictionary(pair => pair.Key, pair => pair.Value.S)));
        }

        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = 0; i < loanItems.Count; i++)
            {
                WriteLoan(w, loanItems[i], participants[i], users, ach);
            }

            w.WriteEndArray();
            w.WriteNumber("count", loanItems.Count);
            w.WriteBoolean("has_more", next is not null);
            if (next is null)
            {
                w.WriteNull("next_token");
            }
            else
            {
                w.WriteString("next_token", next);
            }

            w.WriteEndObject();
        });
    }
}
