using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Tests.Loans.Receipts;

/// <summary>
/// An idempotency receipt stored while receipts kept their figures in a class of their own still loads, with every
/// figure, now that they hold the loan's <see cref="FundingFigures"/> themselves; and a new receipt writes the same shape.
/// </summary>
public sealed class StoredReceiptTests
{
    // As the storage provider reads and writes state (see its GrainStateJsonSerializer).
    private static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string StoredLoan = """
        {"Exists":true,"LoanId":"0192f000-0000-7000-8000-0000000000aa","Amount":1000,"Status":"Pending","Version":4,
         "Idempotency":[{"ParticipantId":"0192f000-0000-7000-8000-0000000000cc","Added":null,"LoanStatus":"Funded","Version":4,
          "Funding":{"TotalInvited":0,"TotalFunded":1000.00,"FundingPercentage":100.00,"ParticipantCount":2,"AcceptedParticipantCount":2,
           "PendingParticipantCount":0,"IsFullyFunded":true,"AverageContribution":500.00,"LargestContribution":750.00,
           "SmallestContribution":250.00,"LastFundingUpdate":"2026-01-05T09:02:00+00:00"},
          "Failures":null,"ActorId":"0192f000-0000-7000-8000-0000000000dd","Key":"k-1","RequestHash":"h-1",
          "RecordedAt":"2026-01-05T09:02:00+00:00","ExpiresAt":"2026-01-06T09:02:00+00:00"}]}
        """;

    private static readonly FundingFigures Figures = new(
        0m, 1000.00m, 100.00m, 2, 2, 0, true, 500.00m, 750.00m, 250.00m, new DateTimeOffset(2026, 1, 5, 9, 2, 0, TimeSpan.Zero));

    [Fact]
    public void Deserialize_ReceiptStoredWithItsOwnFiguresClass_KeepsEveryFigure()
    {
        var loan = JsonSerializer.Deserialize<LoanState>(StoredLoan, Storage)!;

        var receipt = Assert.Single(loan.Idempotency);
        Assert.Equal(Figures, receipt.Funding);
        Assert.Equal((LoanStatus.Funded, 4L, "k-1"), (receipt.LoanStatus, receipt.Version, receipt.Key));
    }

    [Fact]
    public void Serialize_NewReceipt_WritesTheStoredShapeAndReadsBackEqual()
    {
        var receipt = new CommandRecord { ParticipantId = Guid.NewGuid(), LoanStatus = LoanStatus.Funded, Version = 4, Funding = Figures };

        var json = JsonSerializer.Serialize(receipt, Storage);
        using var stored = JsonDocument.Parse(json);
        var funding = stored.RootElement.GetProperty("Funding");

        Assert.Equal(1000.00m, funding.GetProperty("TotalFunded").GetDecimal());
        Assert.Equal("2026-01-05T09:02:00+00:00", funding.GetProperty("LastFundingUpdate").GetString());
        Assert.Equal(Figures, JsonSerializer.Deserialize<CommandRecord>(json, Storage)!.Funding);
    }
}
