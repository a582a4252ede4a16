using System.Text.Json;
using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>terms_version: moved by a change of terms only, named by every acceptance, derived for loans stored before it.</summary>
public sealed class TermsVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Actor _borrower = User(email: "borrower@example.com");

    [Fact]
    public void TermsVersion_MovedByTermsOnly_NotByInvitationsOrAnswers()
    {
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(_borrower, 1000m, Invite("a@example.com", 100m)), Now);
        IndexedCommands.AddLenders(loan, Add(_borrower, Invite("b@example.com", 100m)), Now);
        IndexedCommands.Respond(loan, Respond(LenderFor("b@example.com"), loan.Participants[1].ParticipantId, accept: false), false, Now);
        var beforeChange = LoanViews.ToView(loan, loan.BorrowerId);

        IndexedCommands.UpdateTerms(loan, new UpdateLoanTerms(_borrower, loan.Version, null, 0m, 480, null), Now);

        Assert.Equal((1L, 3L), (beforeChange.TermsVersion, beforeChange.Version));
        Assert.Equal(2, LoanViews.ToView(loan, loan.BorrowerId).TermsVersion);
        Assert.Equal(2, LoanViews.ToInvitation(loan, loan.Participants[0]).TermsVersion);
    }

    [Theory]
    [InlineData(null, DomainErrorCode.TermsVersionRequired)]
    [InlineData(1L, DomainErrorCode.TermsChanged)]
    [InlineData(3L, DomainErrorCode.TermsChanged)]
    public void Accept_NotNamingTheCurrentTerms_RefusedAndNothingChanges(long? seen, DomainErrorCode expected)
    {
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(_borrower, 1000m, Invite("a@example.com", 100m)), Now);
        IndexedCommands.UpdateTerms(loan, new UpdateLoanTerms(_borrower, loan.Version, null, 0m, null, null), Now);
        var version = loan.Version;

        var error = Assert.Throws<DomainException>(() => IndexedCommands.Respond(
            loan, Respond(LenderFor("a@example.com"), loan.Participants[0].ParticipantId, accept: true, termsVersion: seen), true, Now));

        Assert.Equal(expected, error.Code);
        Assert.Equal((ParticipantStatus.Pending, version), (loan.Participants[0].Status, loan.Version));
        IndexedCommands.Respond(loan, Respond(LenderFor("a@example.com"), loan.Participants[0].ParticipantId, accept: true, termsVersion: 2), true, Now);
        Assert.Equal(ParticipantStatus.Accepted, loan.Participants[0].Status);
    }

    [Fact]
    public void StoredBeforeTermsVersion_LoadsAsVersionOneAcceptsItAndATermsChangeMakesTwo()
    {
        // As the storage provider reads state (see its GrainStateJsonSerializer); no TermsVersion member.
        var storage = new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = true, Converters = { new JsonStringEnumConverter() } };
        const string stored = """
            {"Exists":true,"LoanId":"0192f000-0000-7000-8000-0000000000aa","BorrowerId":"0192f000-0000-7000-8000-0000000000bb",
             "BorrowerEmail":"borrower@example.com","Amount":1000,"InterestRate":5,"TermMonths":12,"Purpose":"Roof","Status":"Pending","Version":4,
             "Participants":[{"ParticipantId":"0192f000-0000-7000-8000-0000000000cc","Email":"a@example.com","NormalizedEmail":"a@example.com",
               "ContributionAmount":100,"Status":"Pending","InvitedAt":"2026-01-05T09:00:00+00:00"}]}
            """;
        var loan = JsonSerializer.Deserialize<LoanState>(stored, storage)!;
        var copy = JsonSerializer.Deserialize<LoanState>(stored, storage)!;
        var borrower = _borrower with { UserId = loan.BorrowerId };

        Assert.Equal(1, LoanViews.ToView(loan, loan.BorrowerId).TermsVersion);
        IndexedCommands.Respond(loan, Respond(LenderFor("a@example.com"), loan.Participants[0].ParticipantId, accept: true, termsVersion: 1), true, Now);
        Assert.Equal(ParticipantStatus.Accepted, loan.Participants[0].Status);
        IndexedCommands.UpdateTerms(copy, new UpdateLoanTerms(borrower, copy.Version, null, 6m, null, null), Now);
        Assert.Equal(2, LoanViews.ToView(copy, copy.BorrowerId).TermsVersion);
    }
}
