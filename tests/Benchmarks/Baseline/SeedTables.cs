using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Benchmarks.Baseline;

/// <summary>
/// The seed system's table layout, re-created in the same dynalite under its own names:
/// users (user_id; GSI email-index), loans (loan_id; GSI borrower-index on borrower_id + created_at),
/// participants (loan_id + participant_id), ach (participant_id), and the audit, history and outbox tables its
/// add-lenders path writes to. Seeding writes items directly with BatchWriteItem (not counted in any window).
/// </summary>
internal sealed class SeedTables(CountingDynamoDb dynamo)
{
    public const string Users = "seed_users";
    public const string Loans = "seed_loans";
    public const string Participants = "seed_participants";
    public const string Ach = "seed_ach";
    public const string Audit = "seed_audit";
    public const string History = "seed_loan_history";
    public const string Outbox = "seed_outbox";
    public const string EmailIndex = "email-index";
    public const string BorrowerIndex = "borrower-index";

    private readonly List<WriteRequest> _pending = [];

    public CountingDynamoDb Dynamo { get; } = dynamo;

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var client = Dynamo.Raw;
        var existing = (await client.ListTablesAsync(new ListTablesRequest(), cancellationToken)).TableNames ?? [];
        var requests = new List<CreateTableRequest>
        {
            Table(Users, ("user_id", null), [Gsi(EmailIndex, "email", null)], ("email", ScalarAttributeType.S)),
            Table(Loans, ("loan_id", null), [Gsi(BorrowerIndex, "borrower_id", "created_at")],
                ("borrower_id", ScalarAttributeType.S), ("created_at", ScalarAttributeType.S)),
            Table(Participants, ("loan_id", "participant_id"), []),
            Table(Ach, ("participant_id", null), []),
            Table(Audit, ("audit_id", null), []),
            Table(History, ("loan_id", "version"), [], ("version", ScalarAttributeType.N)),
            Table(Outbox, ("event_id", null), []),
        };
        foreach (var request in requests.Where(r => !existing.Contains(r.TableName)))
        {
            await client.CreateTableAsync(request, cancellationToken);
        }

        foreach (var request in requests)
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    var table = await client.DescribeTableAsync(request.TableName, cancellationToken);
                    if (table.Table.TableStatus == TableStatus.ACTIVE
                        && (table.Table.GlobalSecondaryIndexes ?? []).All(g => g.IndexStatus == IndexStatus.ACTIVE))
                    {
                        break;
                    }
                }
                catch (ResourceNotFoundException) when (i < 200)
                {
                }

                if (i >= 200)
                {
                    throw new TimeoutException($"table {request.TableName} did not become ACTIVE");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public void PutUser(string userId, string email, string name) => Queue(new Dictionary<string, AttributeValue>
    {
        ["user_id"] = S(userId),
        ["email"] = S(email),
        ["name"] = S(name),
        ["created_at"] = S(Now()),
    });

    public void PutLoan(SeedLoan loan)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["loan_id"] = S(loan.LoanId),
            ["borrower_id"] = S(loan.BorrowerId),
            ["borrower_name"] = S(loan.BorrowerName),
            ["amount"] = N(loan.Amount),
            ["interest_rate"] = N(7.25m),
            ["term_months"] = N(36),
            ["purpose"] = S(loan.Purpose),
            ["status"] = S(loan.Participants.Where(p => p.Accepted).Sum(p => p.Amount) == loan.Amount ? "FUNDED" : "PENDING"),
            ["version"] = N(1 + loan.Participants.Count),
            ["total_invited"] = N(loan.Participants.Sum(p => p.Amount)),
            ["total_funded"] = N(loan.Participants.Where(p => p.Accepted).Sum(p => p.Amount)),
            ["participant_count"] = N(loan.Participants.Count),
            ["created_at"] = S(loan.CreatedAt),
            ["created_by"] = S(loan.BorrowerId),
            ["updated_at"] = S(loan.CreatedAt),
            ["updated_by"] = S(loan.BorrowerId),
        };
        Queue(item, Loans);
        foreach (var p in loan.Participants)
        {
            var participant = new Dictionary<string, AttributeValue>
            {
                ["loan_id"] = S(loan.LoanId),
                ["participant_id"] = S(p.ParticipantId),
                ["lender_email"] = S(p.Email),
                ["contribution_amount"] = N(p.Amount),
                ["status"] = S(p.Accepted ? "ACCEPTED" : "PENDING"),
                ["invited_at"] = S(loan.CreatedAt),
                ["created_at"] = S(loan.CreatedAt),
                ["created_by"] = S(loan.BorrowerId),
            };
            if (p.LenderId is not null)
            {
                participant["lender_id"] = S(p.LenderId);
            }

            if (p.Accepted)
            {
                participant["responded_at"] = S(loan.CreatedAt);
                Queue(new Dictionary<string, AttributeValue>
                {
                    ["participant_id"] = S(p.ParticipantId),
                    ["account_holder"] = S(p.Email),
                    ["account_type"] = S("checking"),
                    ["account_last4"] = S("6789"),
                    // The seed kept the number encrypted; the baseline stores opaque bytes and never decrypts them.
                    ["account_number_ciphertext"] = new AttributeValue { B = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("opaque-ciphertext-000123456789")) },
                }, Ach);
            }

            Queue(participant, Participants);
        }
    }

    /// <summary>Writes everything queued, 25 items per BatchWriteItem, several batches in flight.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batches = _pending.Chunk(25).ToList();
        _pending.Clear();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var remaining = batch.GroupBy(w => (string)w.PutRequest.Item["__table"].S)
                .ToDictionary(g => g.Key, g => g.Select(w => new WriteRequest(new PutRequest(Strip(w.PutRequest.Item)))).ToList());
            for (var attempt = 0; remaining.Count > 0; attempt++)
            {
                var response = await Dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = remaining }, ct);
                remaining = response.UnprocessedItems ?? [];
                if (remaining.Count > 0)
                {
                    await Task.Delay(50 * (attempt + 1), ct);
                }
            }
        });
    }

    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private void Queue(Dictionary<string, AttributeValue> item, string table = Users)
    {
        item["__table"] = S(table);
        _pending.Add(new WriteRequest(new PutRequest(item)));
    }

    private static Dictionary<string, AttributeValue> Strip(Dictionary<string, AttributeValue> item)
    {
        item.Remove("__table");
        return item;
    }

    private static GlobalSecondaryIndex Gsi(string name, string hash, string? range)
    {
        var keys = new List<KeySchemaElement> { new(hash, KeyType.HASH) };
        if (range is not null)
        {
            keys.Add(new KeySchemaElement(range, KeyType.RANGE));
        }

        return new GlobalSecondaryIndex
        {
            IndexName = name,
            KeySchema = keys,
            Projection = new Projection { ProjectionType = ProjectionType.ALL },
        };
    }

    private static CreateTableRequest Table(string name, (string Hash, string? Range) key, List<GlobalSecondaryIndex> indexes, params (string Name, ScalarAttributeType Type)[] extraAttributes)
    {
        var schema = new List<KeySchemaElement> { new(key.Hash, KeyType.HASH) };
        var attributes = new Dictionary<string, ScalarAttributeType>(StringComparer.Ordinal) { [key.Hash] = ScalarAttributeType.S };
        if (key.Range is not null)
        {
            schema.Add(new KeySchemaElement(key.Range, KeyType.RANGE));
            attributes[key.Range] = ScalarAttributeType.S;
        }

        foreach (var (attribute, type) in extraAttributes)
        {
            attributes[attribute] = type;
        }

        return new CreateTableRequest
        {
            TableName = name,
            KeySchema = schema,
            AttributeDefinitions = attributes.Select(a => new AttributeDefinition(a.Key, a.Value)).ToList(),
            GlobalSecondaryIndexes = indexes.Count == 0 ? null : indexes,
            BillingMode = BillingMode.PAY_PER_REQUEST,
        };
    }
}

/// <summary>A loan of the baseline's data set, in the same shape as the one seeded through our API.</summary>
internal sealed record SeedLoan(string LoanId, string BorrowerId, string BorrowerName, decimal Amount, string Purpose, string CreatedAt, List<SeedParticipant> Participants);

internal sealed record SeedParticipant(string ParticipantId, string Email, string? LenderId, decimal Amount, bool Accepted);
