using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Every text field at its cap, written in 3-byte characters, on a loan with the most participants, each accepted
/// with an idempotency key: the stored item must still fit DynamoDB's 400 KB (limits are in UTF-8 bytes, not characters).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class StateSizeAtCapsTests(ClusterFixture fixture)
{
    private const int DynamoDbItemBytes = 400 * 1024;

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task LoanState_EveryCapInThreeByteCharacters_StaysUnderTheItemLimit()
    {
        CountingJsonSerializer.ResetLargest();
        var borrower = User(name: AtCap(UserLimits.Name));
        var emails = Enumerable.Range(0, LoanLimits.MaxParticipants).Select(LongEmail).ToList();
        var batches = emails.Chunk(LoanLimits.MaxLendersPerRequest).ToList();
        var loan = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());
        var terms = new LoanTerms(1000m, 5.25m, 12, AtCap(LoanLimits.Purpose));
        var created = await loan.CreateAsync(new CreateLoan(borrower, terms, [.. batches[0].Select(e => Invite(e, 1m))], Token()));
        var participants = created.Value.Participants.ToList();
        foreach (var batch in batches.Skip(1))
        {
            var added = await loan.AddLendersAsync(new AddLenders(borrower, [.. batch.Select(e => Invite(e, 1m))], Token()));
            participants.AddRange(added.Value.Added);
        }

        foreach (var p in participants)
        {
            var lender = LenderFor(p.LenderEmail, AtCap(UserLimits.Name));
            var ach = new ProtectedAch(new string('C', 600), AtCap(AchLimits.AccountHolder), "checking", "6789");
            await loan.AcceptAsync(new RespondToInvitation(lender, p.ParticipantId, ach, Token(), TermsVersion: 1));
        }

        await loan.CancelAsync(new CancelLoan(borrower, AtCap(LoanLimits.CancelReason)));

        Assert.Equal(LoanLimits.MaxParticipants, participants.Count);
        Assert.InRange(CountingJsonSerializer.LargestWrite<LoanState>(), 1, DynamoDbItemBytes);
    }

    /// <summary>As many 3-byte characters as the rule allows (its byte cap when it has one).</summary>
    private static string AtCap(TextRule rule) =>
        new('語', rule.MaxBytes > 0 ? Math.Min(rule.MaxLength, rule.MaxBytes / 3) : rule.MaxLength);

    /// <summary>A distinct address of exactly <see cref="EmailAddress.MaxLength"/> characters.</summary>
    private static string LongEmail(int i)
    {
        var local = $"lender{i:D3}{Guid.NewGuid():N}"[..40];
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";
        return (local + "@" + domain)[..(EmailAddress.MaxLength - 4)] + ".com";
    }
}
