using System.Text.Json;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans;
using Xunit.Abstractions;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>A loan at every cap must still fit one DynamoDB item (400 KB) as JSON, with room to spare.</summary>
public sealed class StateSizeTests(ITestOutputHelper output)
{
    private const int DynamoDbItemLimit = 400 * 1024;
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every participant slot used, every field at its maximum (254-char emails, 200-char names, 255-char keys).</summary>
    [Fact]
    public void LoanState_AtEveryCapWithLongestFields_FitsOneItem()
    {
        var bytes = WorstCaseBytes(emailLength: 254, nameLength: 200, keyLength: 255, ciphertextLength: 600);

        Assert.InRange(bytes, 1, DynamoDbItemLimit * 9 / 10);
    }

    /// <summary>Every participant slot used with generous but realistic fields: far below the limit.</summary>
    [Fact]
    public void LoanState_AtEveryCapWithRealisticFields_FarBelowTheItemLimit()
    {
        var bytes = WorstCaseBytes(emailLength: 40, nameLength: 30, keyLength: 36, ciphertextLength: 300);

        Assert.InRange(bytes, 1, DynamoDbItemLimit / 2);
    }

    private int WorstCaseBytes(int emailLength, int nameLength, int keyLength, int ciphertextLength)
    {
        var token = new IdempotencyToken(new string('k', keyLength), new string('h', 64));
        var borrower = User(email: Email("borrower", emailLength), name: new string('B', nameLength));
        var loan = new LoanState();
        var create = new CreateLoan(borrower, new LoanTerms(10_000_000m, 99.9999m, 480, new string('p', 500)), [.. Lenders(0, emailLength)], token);
        var view = IndexedCommands.Create(loan, Guid.NewGuid(), create, Now);
        loan.Creation = new CreationRecord { Key = token.Key, RequestHash = token.RequestHash, ResultJson = ResultCodec.Encode(view) };
        for (var batch = 1; batch < LoanLimits.MaxParticipants / LoanLimits.MaxLendersPerRequest; batch++)
        {
            var added = IndexedCommands.AddLenders(loan, new AddLenders(borrower, [.. Lenders(batch, emailLength)]), Now);
            IdempotencyLedger.Record(loan.Idempotency, borrower.UserId, token with { Key = $"{batch}{token.Key}" }, () => LoanReceipts.Of(added), Now);
        }

        foreach (var p in loan.Participants.ToList())
        {
            var lender = new Actor(Guid.NewGuid(), p.Email, new string('L', nameLength), EmailVerified: true);
            var ach = new ProtectedAch(new string('c', ciphertextLength), new string('H', nameLength), "checking", "1234");
            var answer = IndexedCommands.Respond(loan, new RespondToInvitation(lender, p.ParticipantId, ach, TermsVersion: 1), accept: true, Now);
            IdempotencyLedger.Record(loan.Idempotency, lender.UserId, token, () => LoanReceipts.Of(answer), Now);
        }

        Assert.Equal(LoanLimits.MaxParticipants, loan.Participants.Count);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(loan).Length;
        output.WriteLine(
            $"emails {emailLength}, names {nameLength}, keys {keyLength}, ACH ciphertext {ciphertextLength}: {bytes / 1024.0:0.0} KB " +
            $"(participants {Kb(loan.Participants)}, idempotency {Kb(loan.Idempotency)}, outbox {Kb(loan.Outbox)}, creation {Kb(loan.Creation)})");
        return bytes;
    }

    private static string Kb<T>(T value) => $"{JsonSerializer.SerializeToUtf8Bytes(value).Length / 1024.0:0.0} KB";

    [Fact]
    public void LoanState_JsonRoundTrip_KeepsEveryField()
    {
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(User(), 1000m, Invite("a@example.com", 10.5m)), Now);
        IndexedCommands.Respond(loan, Respond(LenderFor("a@example.com"), loan.Participants[0].ParticipantId, accept: true), accept: true, Now);

        var copy = JsonSerializer.Deserialize<LoanState>(JsonSerializer.Serialize(loan))!;

        Assert.Equal(JsonSerializer.Serialize(loan), JsonSerializer.Serialize(copy));
        Assert.Equal(loan.Participants[0].Ach!.Ciphertext, copy.Participants[0].Ach!.Ciphertext);
    }

    [Fact]
    public void ResultCodec_ContractRecords_RoundTrip()
    {
        var loan = new LoanState();
        var view = IndexedCommands.Create(loan, Guid.NewGuid(), Create(User(), 1000m, Invite("a@example.com", 10.5m)), Now);

        var decoded = ResultCodec.Decode<LoanView>(ResultCodec.Encode(view));

        Assert.Equal(ResultCodec.Encode(view), ResultCodec.Encode(decoded));
        Assert.Equal(view.Participants[0].ParticipantId, decoded.Participants[0].ParticipantId);
    }

    private static LenderInvite[] Lenders(int batch, int emailLength) =>
        [.. Enumerable.Range(0, LoanLimits.MaxLendersPerRequest).Select(i => new LenderInvite(Email($"b{batch}l{i}", emailLength), 1m))];

    private static string Email(string local, int length) => $"{local}{new string('x', length - local.Length - 12)}@example.com";
}
