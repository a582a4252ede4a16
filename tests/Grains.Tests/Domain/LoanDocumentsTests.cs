using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Documents;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>The documents' rules without a cluster: who reads, how many, deletion, paging, and when agreements are due.</summary>
public sealed class LoanDocumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Borrower = Guid.NewGuid();
    private static readonly Guid Lender = Guid.NewGuid();

    [Fact]
    public void CanRead_DeclinedOrUnverifiedParticipant_No()
    {
        var loan = Loan();
        var verified = new Actor(Guid.NewGuid(), "pending@example.com", "P", EmailVerified: true);
        var unverified = verified with { EmailVerified = false };

        Assert.True(LoanDocuments.CanRead(loan, new Actor(Borrower, "b@example.com", "B")));
        Assert.True(LoanDocuments.CanRead(loan, new Actor(Lender, "other@example.com", "L")));
        Assert.True(LoanDocuments.CanRead(loan, verified));
        Assert.False(LoanDocuments.CanRead(loan, unverified));
        Assert.False(LoanDocuments.CanRead(loan, new Actor(Guid.NewGuid(), "declined@example.com", "D", EmailVerified: true)));
    }

    [Fact]
    public void Add_FiftyLive_ConflictButAgreementsDoNotCount()
    {
        var loan = Loan();
        for (var i = 0; i < DocumentLimits.MaxLiveDocuments; i++)
        {
            LoanDocuments.Add(loan, Upload(), Now, []);
        }

        var refused = Assert.Throws<DomainException>(() => LoanDocuments.Add(loan, Upload(), Now, []));
        Assert.Equal(DomainErrorCode.Conflict, refused.Code);
        LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, loan.Documents[0].DocumentId), Now, []);
        LoanAgreements.Record(loan, 1, [1, 2, 3], Now, []);
        LoanDocuments.Add(loan, Upload(), Now, []);
    }

    [Fact]
    public void Delete_TwiceAndAgreement_NoSecondChangeAndForbidden()
    {
        var loan = Loan();
        var document = LoanDocuments.Add(loan, Upload(), Now, []);
        var changes = new List<LoanChange>();

        Assert.True(LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, document.DocumentId), Now, changes));
        Assert.False(LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, document.DocumentId), Now, changes));
        Assert.IsType<DocumentDeleted>(Assert.Single(changes));
        LoanAgreements.Record(loan, 1, [1], Now, []);
        var agreement = loan.Documents.Single(d => d.Kind == DocumentKind.Agreement);
        Assert.Equal(DomainErrorCode.Forbidden,
            Assert.Throws<DomainException>(() => LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, agreement.DocumentId), Now, [])).Code);
    }

    [Fact]
    public void Page_DocumentDeletedBetweenPages_NothingSkippedOrRepeated()
    {
        var loan = Loan();
        var ids = Enumerable.Range(0, 4).Select(_ => LoanDocuments.Add(loan, Upload(), Now, []).DocumentId).ToList();

        var first = LoanDocuments.Page(loan, new PageRequest(2));
        LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, ids[0]), Now, []);
        var second = LoanDocuments.Page(loan, new PageRequest(2, first.NextCursor));

        Assert.Equal(ids[..2], first.Items.Select(d => d.DocumentId));
        Assert.Equal(ids[2..], second.Items.Select(d => d.DocumentId));
        Assert.False(second.HasMore);
    }

    [Fact]
    public void Enqueue_FundedThenDisbursed_OneMessagePerVersion()
    {
        var loan = Loan();

        LoanAgreements.Enqueue(loan, [new LoanFunded()]);
        LoanAgreements.Enqueue(loan, [new LoanDisbursed()]);
        LoanAgreements.Enqueue(loan, [new DocumentUploaded(Guid.NewGuid())]);

        Assert.Equal([1, 2], loan.Outbox.OfType<AgreementMessage>().Select(m => m.AgreementVersion));
        Assert.NotNull(loan.FundedAt);
        LoanAgreements.Record(loan, 1, [1], Now, []);
        Assert.Equal([2], loan.Outbox.OfType<AgreementMessage>().Select(m => m.AgreementVersion));
    }

    [Fact]
    public void AgreementLines_NameTheFiguresAndEachAcceptedLender()
    {
        var loan = Loan();
        loan.FundedAt = Now;

        var lines = AgreementPdf.Lines(loan, 1);

        Assert.Contains("Amount: 1000.00", lines);
        Assert.Contains("Annual interest rate: 7.50 %", lines);
        Assert.Contains("Term: 12 months", lines);
        Assert.Contains("Funded at: 2026-03-02 09:30:00 UTC", lines);
        Assert.Contains(lines, l => l.StartsWith("Lena: 1000.00, accepted terms version 1 at", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public void Projections_UploadDeleteAgreement_OneHistoryAuditAndWebhookEachToTheLinkedLender()
    {
        var loan = Loan();
        var changes = new List<LoanChange>();
        var document = LoanDocuments.Add(loan, Upload(), Now, changes);
        LoanDocuments.Delete(loan, new DeleteDocument(BorrowerActor, document.DocumentId), Now, changes);
        LoanAgreements.Record(loan, 1, [1, 2], Now, changes);

        LoanProjections.Apply(loan, changes, Now, null);

        string[] names = [LoanEvents.DocumentUploaded, LoanEvents.DocumentDeleted, LoanEvents.AgreementGenerated];
        Assert.Equal(names, loan.History.Select(h => h.Action));
        Assert.Equal(names, loan.Outbox.OfType<AuditMessage>().Select(m => m.Entry!.Action));
        var webhooks = loan.Outbox.OfType<WebhookMessage>().ToList();
        Assert.Equal(names, webhooks.Select(w => w.EventType));
        Assert.All(webhooks, w => Assert.Equal(new[] { Lender }, w.Lenders));
        Assert.Null(loan.Outbox.OfType<AuditMessage>().Last().Entry!.ActorId);
        var sha = loan.Documents.Single(d => d.Kind == DocumentKind.Agreement).Sha256;
        Assert.Contains(loan.History[^1].Changes, c => c.After == sha);
        Assert.All(names, n => Assert.True(LoanEvents.IsKnown(n)));
    }

    private static Actor BorrowerActor => new(Borrower, "b@example.com", "B", EmailVerified: true);

    private static AddDocument Upload() =>
        new(BorrowerActor, Guid.NewGuid(), DocumentKind.Other, "t", "f.png", "image/png", 10, "00", $"loans/x/{Guid.NewGuid():N}");

    private static LoanState Loan() => new()
    {
        Exists = true,
        LoanId = Guid.NewGuid(),
        BorrowerId = Borrower,
        BorrowerName = "Bo",
        Amount = 1000m,
        InterestRate = 7.5m,
        TermMonths = 12,
        Participants =
        [
            new ParticipantState { ParticipantId = Guid.NewGuid(), LenderId = Lender, LenderName = "Lena", Email = "lena@example.com",
                NormalizedEmail = "lena@example.com", ContributionAmount = 1000m, Status = ParticipantStatus.Accepted, RespondedAt = Now, AcceptedVersion = 1 },
            new ParticipantState { ParticipantId = Guid.NewGuid(), Email = "pending@example.com", NormalizedEmail = "pending@example.com",
                ContributionAmount = 10m, Status = ParticipantStatus.Pending },
            new ParticipantState { ParticipantId = Guid.NewGuid(), Email = "declined@example.com", NormalizedEmail = "declined@example.com",
                ContributionAmount = 10m, Status = ParticipantStatus.Declined },
        ],
    };
}
