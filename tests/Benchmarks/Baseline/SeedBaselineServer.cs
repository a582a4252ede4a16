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
internal sealed class SeedBaselineServer : IAsyncDisposable
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

    private async Task AddLendersAsync(HttpContext context, string loanId)
    {
        var callerId = Caller(context);
        if (callerId is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var ct = context.RequestAborted;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
        var requested = body.RootElement.GetProperty("lenders").EnumerateArray()
            .Select(e => (Email: e.GetProperty("email").GetString()!.Trim().ToLowerInvariant(), Amount: e.GetProperty("amount").GetDecimal()))
            .ToList();
        if (requested.Count is 0 or > 20)
        {
            await ProblemAsync(context, 400, "VALIDATION_ERROR");
            return;
        }

        // Read: the caller (auth middleware), the loan, its participants.
        var caller = await _dynamo.GetItemAsync(new GetItemRequest { TableName = Users, Key = new() { ["user_id"] = S(callerId) } }, ct);
        var loanResponse = await _dynamo.GetItemAsync(new GetItemRequest { TableName = Loans, Key = new() { ["loan_id"] = S(loanId) }, ConsistentRead = true }, ct);
        if (loanResponse.Item is not { Count: > 0 } loan || loan["borrower_id"].S != callerId)
        {
            await ProblemAsync(context, 404, "NOT_FOUND");
            return;
        }

        var existing = await QueryParticipantsAsync(loanId, ct);

        // Check: duplicates, self-invitation, over-funding.
        var active = existing.Where(p => p["status"].S != "DECLINED").ToList();
        var emails = new HashSet<string>(active.Select(p => p["lender_email"].S), StringComparer.Ordinal);
        var borrowerEmail = caller.Item?.GetValueOrDefault("email")?.S;
        foreach (var (email, _) in requested)
        {
            if (!emails.Add(email) || email == borrowerEmail)
            {
                await ProblemAsync(context, 409, "DUPLICATE_LENDER");
                return;
            }
        }

        var amount = Dec(loan["amount"]);
        var invited = active.Sum(p => Dec(p["contribution_amount"])) + requested.Sum(r => r.Amount);
        if (invited > amount)
        {
            await ProblemAsync(context, 422, "OVER_FUNDING");
            return;
        }

        // Write: per lender a user lookup and a conditional put, lenders concurrently.
        var now = Now();
        var added = await Task.WhenAll(requested.Select(async r =>
        {
            var user = await _dynamo.QueryAsync(new QueryRequest
            {
                TableName = Users,
                IndexName = EmailIndex,
                KeyConditionExpression = "email = :e",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":e"] = S(r.Email) },
                Limit = 1,
            }, ct);
            var lender = user.Items is { Count: > 0 } found ? found[0] : null;
            var item = new Dictionary<string, AttributeValue>
            {
                ["loan_id"] = S(loanId),
                ["participant_id"] = S(Guid.NewGuid().ToString()),
                ["lender_email"] = S(r.Email),
                ["contribution_amount"] = N(r.Amount),
                ["status"] = S("PENDING"),
                ["invited_at"] = S(now),
                ["created_at"] = S(now),
                ["created_by"] = S(callerId),
            };
            if (lender is not null)
            {
                item["lender_id"] = lender["user_id"];
            }

            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Participants,
                Item = item,
                ConditionExpression = "attribute_not_exists(participant_id)",
            }, ct);
            return (item, lenderName: lender?["name"].S);
        }));

        // Write: the loan's totals and version (conditional on the version read), audit, history, outbox.
        var version = Dec(loan["version"]);
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Loans,
            Key = new() { ["loan_id"] = S(loanId) },
            UpdateExpression = "SET total_invited = :ti, participant_count = :pc, version = :nv, updated_at = :now, updated_by = :u",
            ConditionExpression = "version = :v",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":ti"] = N(invited),
                [":pc"] = N(existing.Count + added.Length),
                [":nv"] = N(version + 1),
                [":v"] = N(version),
                [":now"] = S(now),
                [":u"] = S(callerId),
            },
        }, ct);
        var summary = string.Join(',', requested.Select(r => r.Email));
        await _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = Audit,
            Item = new()
            {
                ["audit_id"] = S(Guid.NewGuid().ToString()),
                ["record_type"] = S("loan"),
                ["record_id"] = S(loanId),
                ["action"] = S("lenders.added"),
                ["actor"] = S(callerId),
                ["at"] = S(now),
                ["after"] = S(summary),
            },
        }, ct);
        await _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = History,
            Item = new()
            {
                ["loan_id"] = S(loanId),
                ["version"] = N(version + 1),
                ["changed"] = S("total_invited,participant_count"),
                ["at"] = S(now),
                ["by"] = S(callerId),
            },
        }, ct);
        await _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = Outbox,
            Item = new()
            {
                ["event_id"] = S(Guid.NewGuid().ToString()),
                ["type"] = S("lender.invited"),
                ["loan_id"] = S(loanId),
                ["payload"] = S(summary),
                ["created_at"] = S(now),
            },
        }, ct);

        await WriteJsonAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteString("loan_id", loanId);
            w.WriteNumber("version", version + 1);
            w.WriteNumber("total_invited", invited);
            w.WriteNumber("participant_count", existing.Count + added.Length);
            w.WriteStartArray("participants");
            foreach (var (item, lenderName) in added)
            {
                WriteParticipant(w, item, lenderName, null);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryParticipantsAsync(string loanId, CancellationToken ct)
    {
        var all = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamo.QueryAsync(new QueryRequest
            {
                TableName = Participants,
                KeyConditionExpression = "loan_id = :l",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":l"] = S(loanId) },
                ExclusiveStartKey = start,
            }, ct);
            all.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return all;
    }

    private async Task<Dictionary<string, Dictionary<string, AttributeValue>>> BatchGetAsync(string table, string key, List<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(100))
        {
            var keys = new KeysAndAttributes { Keys = chunk.Select(id => new Dictionary<string, AttributeValue> { [key] = S(id) }).ToList() };
            var request = new Dictionary<string, KeysAndAttributes> { [table] = keys };
            while (request.Count > 0)
            {
                var response = await _dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, ct);
                if (response.Responses?.TryGetValue(table, out var items) == true)
                {
                    foreach (var item in items)
                    {
                        result[item[key].S] = item;
                    }
                }

                request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return result;
    }

    private static void WriteLoan(
        Utf8JsonWriter w,
        Dictionary<string, AttributeValue> loan,
        List<Dictionary<string, AttributeValue>> participants,
        Dictionary<string, Dictionary<string, AttributeValue>> users,
        Dictionary<string, Dictionary<string, AttributeValue>> ach)
    {
        var amount = Dec(loan["amount"]);
        var active = participants.Where(p => p["status"].S != "DECLINED").ToList();
        var contributions = active.Select(p => Dec(p["contribution_amount"])).ToList();
        var funded = participants.Where(p => p["status"].S == "ACCEPTED").Sum(p => Dec(p["contribution_amount"]));
        w.WriteStartObject();
        foreach (var name in (string[])["loan_id", "borrower_id", "borrower_name", "purpose", "status"])
        {
            w.WriteString(name, loan[name].S);
        }

        w.WriteNumber("amount", amount);
        w.WriteNumber("interest_rate", Dec(loan["interest_rate"]));
        w.WriteNumber("term_months", Dec(loan["term_months"]));
        w.WriteNumber("version", Dec(loan["version"]));
        w.WriteStartArray("participants");
        foreach (var p in participants)
        {
            var lenderName = p.TryGetValue("lender_id", out var id) && users.TryGetValue(id.S, out var user) ? user["name"].S : null;
            WriteParticipant(w, p, lenderName, ach.GetValueOrDefault(p["participant_id"].S));
        }

        w.WriteEndArray();
        w.WriteNumber("total_invited", contributions.Sum());
        w.WriteNumber("total_funded", funded);
        w.WriteNumber("funding_percentage", amount == 0 ? 0 : Math.Round(funded * 100 / amount, 2));
        w.WriteNumber("participant_count", participants.Count);
        w.WriteNumber("accepted_participant_count", participants.Count(p => p["status"].S == "ACCEPTED"));
        w.WriteNumber("pending_participant_count", participants.Count(p => p["status"].S == "PENDING"));
        w.WriteBoolean("is_fully_funded", funded == amount);
        if (contributions.Count > 0)
        {
            w.WriteNumber("average_contribution", Math.Round(contributions.Average(), 2));
            w.WriteNumber("largest_contribution", contributions.Max());
            w.WriteNumber("smallest_contribution", contributions.Min());
        }

        foreach (var name in (string[])["created_at", "created_by", "updated_at", "updated_by"])
        {
            w.WriteString(name, loan[name].S);
        }

        w.WriteEndObject();
    }

    private static void WriteParticipant(Utf8JsonWriter w, Dictionary<string, AttributeValue> p, string? lenderName, Dictionary<string, AttributeValue>? ach)
    {
        w.WriteStartObject();
        w.WriteString("participant_id", p["participant_id"].S);
        w.WriteString("loan_id", p["loan_id"].S);
        w.WriteString("lender_email", p["lender_email"].S);
        w.WriteString("lender_id", p.GetValueOrDefault("lender_id")?.S);
        w.WriteString("lender_name", lenderName);
        w.WriteNumber("contribution_amount", Dec(p["contribution_amount"]));
        w.WriteString("status", p["status"].S);
        w.WriteString("invited_at", p["invited_at"].S);
        w.WriteString("responded_at", p.GetValueOrDefault("responded_at")?.S);
        if (ach is null)
        {
            w.WriteNull("ach");
        }
        else
        {
            w.WriteStartObject("ach");
            w.WriteString("account_holder", ach["account_holder"].S);
            w.WriteString("account_type", ach["account_type"].S);
            w.WriteString("account_last4", ach["account_last4"].S);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static decimal Dec(AttributeValue value) => decimal.Parse(value.N, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static Task ProblemAsync(HttpContext context, int status, string code) => WriteJsonAsync(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("status", status);
        w.WriteString("code", code);
        w.WriteEndObject();
    }, "application/problem+json");

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
