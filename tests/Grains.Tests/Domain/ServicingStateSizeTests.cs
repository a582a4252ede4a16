using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Records;
using PrivateLending.Grains.Servicing;
using Xunit.Abstractions;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>
/// A 480-month loan with 100 lenders repaid month by month, then paid off: the loan item (schedule, lender totals,
/// receipts, history and the repayment working set) and every sealed repayment chunk stay within one DynamoDB item.
/// </summary>
public sealed class ServicingStateSizeTests(ITestOutputHelper output)
{
    private const int DynamoDbItemLimit = 400 * 1024;
    private const int MaxTerm = 480;
    // As the DynamoDB provider writes state (GrainStateJsonSerializer's defaults).
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly DateTimeOffset Disbursed = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every field at its longest (254-char emails, 200-char names, 600-char bank ciphertext): under the hard limit.</summary>
    [Fact]
    public void LoanState_480MonthsWith100LendersLongestFields_EveryItemUnderTheLimit()
    {
        var (largestLoan, largestChunk) = RepaidToTheEnd(emailLength: 254, nameLength: 200, ciphertextLength: 600);

        Assert.InRange(largestLoan, 1, DynamoDbItemLimit - 1);
        Assert.InRange(largestChunk, 1, DynamoDbItemLimit / 4);
    }

    /// <summary>Generous but realistic fields: well below the limit.</summary>
    [Fact]
    public void LoanState_480MonthsWith100LendersRealisticFields_FarBelowTheLimit()
    {
        var (largestLoan, largestChunk) = RepaidToTheEnd(emailLength: 40, nameLength: 30, ciphertextLength: 300);

        Assert.InRange(largestLoan, 1, DynamoDbItemLimit * 3 / 4);
        Assert.InRange(largestChunk, 1, DynamoDbItemLimit / 4);
    }

    private (int LargestLoan, int LargestChunk) RepaidToTheEnd(int emailLength, int nameLength, int ciphertextLength)
    {
        var (loan, borrower) = FundedAtTheCaps(emailLength, nameLength, ciphertextLength);
        var rules = DelinquencyRules.Default;
        var today = Disbursed.AddMonths(MaxTerm + 1);
        Apply(loan, Disbursed, changes => LoanServicing.Disburse(loan, new DisburseLoan(borrower, DateOnly.FromDateTime(Disbursed.UtcDateTime)), Disbursed, rules, changes));
        var (largestLoan, largestChunk) = (Bytes(loan), 0);

        var installments = loan.Servicing!.Installments;
        for (var k = 0; k < installments.Count - 1; k++)
        {
            var installment = installments[k];
            var command = new RecordRepayment(borrower, Guid.NewGuid(), installment.Principal + installment.Interest, installment.DueDate, Reference: new string('r', 100));
            largestChunk = Math.Max(largestChunk, Apply(loan, today, changes => LoanServicing.Repay(loan, command, today, rules, changes)));
            largestLoan = Math.Max(largestLoan, Bytes(loan));
        }

        var payoffDay = installments[^1].DueDate;
        var payoff = new RecordRepayment(borrower, Guid.NewGuid(), Payoff.Quote(loan.Servicing, payoffDay).Amount, payoffDay, Payoff: true);
        largestChunk = Math.Max(largestChunk, Apply(loan, today, changes => LoanServicing.Repay(loan, payoff, today, rules, changes)));
        largestLoan = Math.Max(largestLoan, Bytes(loan));

        output.WriteLine($"emails {emailLength}, names {nameLength}, ciphertext {ciphertextLength}: largest loan item {largestLoan / 1024.0:0.0} KB (receipts {Kb(loan.Servicing.Receipts)}, installments "
            + $"{Kb(loan.Servicing.Installments)}, lenders {Kb(loan.Servicing.Lenders)}, repayment working set {Kb(loan.Repayments)}, "
            + $"history {Kb(loan.History)}, participants {Kb(loan.Participants)}); largest repayment chunk {largestChunk / 1024.0:0.0} KB");
        Assert.Equal(LoanStatus.Completed, loan.Status);
        Assert.Equal(MaxTerm, loan.Servicing.Receipts.Count);
        return (largestLoan, largestChunk);
    }

    /// <summary>One command as the write step runs it: projections, delivery (the outbox empties), then sealing; the largest chunk sealed.</summary>
    private static int Apply<T>(LoanState loan, DateTimeOffset now, Func<List<LoanChange>, T> command)
    {
        var changes = new List<LoanChange>();
        command(changes);
        LoanProjections.Apply(loan, changes, now, null);
        loan.Outbox.Clear();
        var largest = 0;
        while (LoanRecords.Overflow(loan.Repayments, LoanRecords.RepaymentChunkSize) is { Length: > 0 } sealedRecords)
        {
            largest = Math.Max(largest, JsonSerializer.SerializeToUtf8Bytes(new LoanRecordChunkState { Repayments = [.. sealedRecords] }, Stored).Length);
            loan.Repayments.RemoveRange(0, sealedRecords.Length);
        }

        while (LoanRecords.Overflow(loan.History) is { Length: > 0 } history)
        {
            loan.History.RemoveRange(0, history.Length);
        }

        while (LoanRecords.Overflow(loan.Funding) is { Length: > 0 } funding)
        {
            loan.Funding.RemoveRange(0, funding.Length);
        }

        return largest;
    }

    /// <summary>Every participant slot used and accepted, with the longest emails, names and bank details.</summary>
    private static (LoanState Loan, Actor Borrower) FundedAtTheCaps(int emailLength, int nameLength, int ciphertextLength)
    {
        var borrower = User(email: Email("borrower", emailLength), name: new string('B', nameLength));
        var loan = new LoanState();
        var perLender = 100_000m;
        IndexedCommands.Create(loan, Guid.NewGuid(), new CreateLoan(borrower,
            new LoanTerms(perLender * LoanLimits.MaxParticipants, 99.9999m, MaxTerm, new string('p', 500)), []), Disbursed);
        for (var batch = 0; batch < LoanLimits.MaxParticipants / LoanLimits.MaxLendersPerRequest; batch++)
        {
            IndexedCommands.AddLenders(loan, new AddLenders(borrower,
                [.. Enumerable.Range(0, LoanLimits.MaxLendersPerRequest).Select(i => new LenderInvite(Email($"b{batch}l{i}", emailLength), perLender))]), Disbursed);
        }

        foreach (var p in loan.Participants.ToList())
        {
            var lender = new Actor(Guid.NewGuid(), p.Email, new string('L', nameLength), EmailVerified: true);
            IndexedCommands.Respond(loan, new RespondToInvitation(lender, p.ParticipantId,
                new ProtectedAch(new string('c', ciphertextLength), new string('H', nameLength), "checking", "1234"), TermsVersion: 1), accept: true, Disbursed);
        }

        loan.Outbox.Clear();
        Assert.Equal(LoanStatus.Funded, loan.Status);
        return (loan, borrower);
    }

    private static string Email(string local, int length) => $"{local}{new string('x', length - local.Length - 12)}@example.com";

    private static int Bytes(LoanState loan) => JsonSerializer.SerializeToUtf8Bytes(loan, Stored).Length;

    private static string Kb<T>(T value) => $"{JsonSerializer.SerializeToUtf8Bytes(value, Stored).Length / 1024.0:0.0} KB";
}
