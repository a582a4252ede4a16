using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http;
using static PrivateLending.Benchmarks.Baseline.SeedTables;

namespace PrivateLending.Benchmarks.Baseline;

/// <summary>The seed's add-lenders path (read, check, write) and the reads it shares with the page.</summary>
internal sealed partial class SeedBaselineServer
{
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
}
