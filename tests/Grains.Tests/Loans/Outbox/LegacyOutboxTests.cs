using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Tests.Loans.Outbox;

/// <summary>
/// A loan item stored before typed outbox messages (the storage provider's JSON: enums by name, an "Outbox" list of
/// entries told apart by "Kind") still loads, and every waiting or parked entry becomes the message of its kind.
/// </summary>
public sealed class LegacyOutboxTests
{
    // As the storage provider reads and writes state (see its GrainStateJsonSerializer).
    private static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private const string StoredBeforeTypedMessages = """
        {"Exists":true,"LoanId":"0192f000-0000-7000-8000-0000000000aa","BorrowerId":"0192f000-0000-7000-8000-0000000000bb",
         "Amount":1000,"Status":"Pending","Version":3,"NextOutboxSeq":9,
         "Outbox":[
          {"Seq":1,"Kind":"Borrower","Target":"0192f0000000700080000000000000bb","LoanId":"0192f000-0000-7000-8000-0000000000aa","At":"2026-01-05T09:00:00+00:00","LoanVersion":1},
          {"Seq":2,"Kind":"Lender","Target":"ANN@EXAMPLE.COM","LoanId":"0192f000-0000-7000-8000-0000000000aa","ParticipantId":"0192f000-0000-7000-8000-0000000000cc","Status":"Accepted","ContributionAmount":250.50,"At":"2026-01-05T09:00:00+00:00","LoanVersion":3,"LoanStatus":"Pending"},
          {"Seq":3,"Kind":"Mail","Target":"0192f0000000700080000000000000aa","LoanId":"0192f000-0000-7000-8000-0000000000aa","At":"2026-01-05T09:00:00+00:00","LoanVersion":1},
          {"Seq":4,"Kind":"Webhook","Target":"0192f0000000700080000000000000bb","LoanId":"0192f000-0000-7000-8000-0000000000aa","ParticipantId":"0192f000-0000-7000-8000-0000000000cc","Status":"Accepted","ContributionAmount":250.50,"At":"2026-01-05T09:00:00+00:00","LoanVersion":3,"LoanStatus":"Pending","EventType":"participant.accepted","LoanAmount":1000,"TotalFunded":250.50,"OccurredAt":"2026-01-05T09:02:00+00:00","Recipients":["0192f000-0000-7000-8000-0000000000dd"]},
          {"Seq":5,"Kind":"Audit","Target":"audit","LoanId":"0192f000-0000-7000-8000-0000000000aa","Audit":{"EntryId":"participant-0192f0000000700080000000000000cc-v3","At":"2026-01-05T09:02:00+00:00","ActorId":"0192f000-0000-7000-8000-0000000000dd","Action":"participant.accepted","RecordType":"participant","RecordId":"0192f000-0000-7000-8000-0000000000cc","Changes":[{"Field":"status","Before":"PENDING","After":"ACCEPTED"}],"Request":null}}
         ],
         "Parked":[{"Update":{"Seq":0,"Kind":"Lender","Target":"BEA@EXAMPLE.COM","ParticipantId":"0192f000-0000-7000-8000-0000000000ee","Status":"Pending","LoanVersion":1,"LoanStatus":"Pending"},"ParkedAt":"2026-01-05T09:01:00+00:00","Reason":"GrainStateTooLargeException"}]}
        """;

    [Fact]
    public void Upgrade_ItemStoredBeforeTypedMessages_EveryEntryBecomesItsMessage()
    {
        var loan = JsonSerializer.Deserialize<LoanState>(StoredBeforeTypedMessages, Storage)!;

        Assert.True(LegacyOutbox.Upgrade(loan));

        Assert.Null(loan.LegacyOutbox);
        Assert.Equal([1L, 2, 3, 4, 5], loan.Outbox.Select(m => m.Seq));
        var borrower = Assert.IsType<BorrowerIndexMessage>(loan.Outbox[0]);
        Assert.Equal((loan.BorrowerId, loan.LoanId, 1L), (borrower.BorrowerId, borrower.LoanId, borrower.Version));
        var lender = Assert.IsType<LenderIndexMessage>(loan.Outbox[1]);
        Assert.Equal(("ANN@EXAMPLE.COM", ParticipantStatus.Accepted, 250.50m, 3L), (lender.NormalizedEmail, lender.Status, lender.ContributionAmount, lender.Version));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), Assert.IsType<InvitationMailMessage>(loan.Outbox[2]).InvitedAt);
        var webhook = Assert.IsType<WebhookMessage>(loan.Outbox[3]);
        Assert.Equal((LoanEvents.ParticipantAccepted, loan.BorrowerId, 250.50m), (webhook.EventType, webhook.BorrowerId, webhook.TotalFunded));
        Assert.Equal(new Guid("0192f000-0000-7000-8000-0000000000dd"), Assert.Single(webhook.Lenders));
        Assert.Equal("participant.accepted", Assert.IsType<AuditMessage>(loan.Outbox[4]).Entry!.Action);
        var parked = Assert.IsType<LenderIndexMessage>(Assert.Single(loan.Parked).Message);
        Assert.Equal(("BEA@EXAMPLE.COM", 1L), (parked.NormalizedEmail, parked.Version));
        Assert.Null(loan.Parked[0].Update);
    }

    [Fact]
    public void Serialize_UpgradedLoan_StoresTypedMessagesAndNoOldListAndReadsBackTheSame()
    {
        var loan = JsonSerializer.Deserialize<LoanState>(StoredBeforeTypedMessages, Storage)!;
        LegacyOutbox.Upgrade(loan);

        var json = JsonSerializer.Serialize(loan, Storage);
        var again = JsonSerializer.Deserialize<LoanState>(json, Storage)!;

        Assert.DoesNotContain("\"Outbox\"", json, StringComparison.Ordinal);
        Assert.Contains("\"$kind\":\"lender_index\"", json, StringComparison.Ordinal);
        Assert.Equal(loan.Outbox.Select(m => (m.Kind, m.Seq, m.LoanVersion)), again.Outbox.Select(m => (m.Kind, m.Seq, m.LoanVersion)));
        Assert.Equal(json, JsonSerializer.Serialize(again, Storage));
        Assert.False(LegacyOutbox.Upgrade(again));
    }
}
