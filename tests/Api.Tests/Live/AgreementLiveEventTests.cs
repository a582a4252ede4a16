using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using static PrivateLending.Api.Tests.Infrastructure.ServicingSteps;

namespace PrivateLending.Api.Tests.Live;

/// <summary>
/// The loan agreement is recorded without a new loan version, yet its borrower and lenders hear of it: a
/// <c>notice</c> event without an id, carrying the version it documents and the agreement's document id.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class AgreementLiveEventTests(ApiFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    // The agreement is written by the loan's outbox after the answer that funded it.
    private static readonly TimeSpan AgreementWritten = TimeSpan.FromSeconds(15);

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task LoanEvents_LoanFunded_AgreementNoticeWithoutIdAndVersionUnchanged()
    {
        var borrower = await Api.NewUserAsync("Notice Borrower");
        TestUser[] lenders = [await Api.NewUserAsync("Notice Lender A"), await Api.NewUserAsync("Notice Lender B")];
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lenders[0].Email, 600m), (lenders[1].Email, 400m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var version = loan["version"]!.GetValue<long>();
        await using var events = await SseConnection.OpenAsync(Api.Http, $"/api/v1/loans/{loanId}/events", borrower.Token);
        Assert.Equal("snapshot", (await events.NextAsync(Soon)).Type);

        await AcceptAllAsync(loan, lenders);
        Assert.Equal("PARTICIPANT_ACCEPTED", (await events.NextAsync(Soon)).Json["change"]!.GetValue<string>());
        var funded = await events.NextAsync(Soon);
        Assert.Equal("LOAN_FUNDED", funded.Json["change"]!.GetValue<string>());
        Assert.Equal($"{version + 2}", funded.Id);

        var notice = await events.NextAsync(AgreementWritten);

        Assert.Equal("notice", notice.Type);
        Assert.Null(notice.Id);
        Assert.Equal(version + 2, notice.Json["version"]!.GetValue<long>());
        Assert.Equal(["agreement.generated"], notice.Json["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("BORROWER", notice.Json["role"]!.GetValue<string>());
        Assert.Equal(await AgreementIdAsync(loanId, borrower.Token), notice.Json["document_id"]!.GetValue<string>());
        Assert.Equal(version + 2, (await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token)).Json["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task MyEvents_LenderOfFundedLoan_AgreementNoticeOnceThoughHeardOnTwoStreams()
    {
        var borrower = await Api.NewUserAsync("Notice Borrower");
        TestUser[] lenders = [await Api.NewUserAsync("Notice Lender A"), await Api.NewUserAsync("Notice Lender B")];
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lenders[0].Email, 600m), (lenders[1].Email, 400m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        // Watches the lender's invitee stream and, the loan being open, the loan's stream: the notice is on both.
        await using var events = await SseConnection.OpenAsync(Api.Http, "/api/v1/me/events", lenders[0].Token);
        Assert.Equal("ready", (await events.NextAsync(Soon)).Type);

        await AcceptAllAsync(loan, lenders);
        var first = await NextNoticeAsync(events);
        Assert.Equal("notice", first.Type);
        Assert.Equal("LENDER", first.Json["role"]!.GetValue<string>());
        Assert.Equal(await AgreementIdAsync(loanId, lenders[0].Token), first.Json["document_id"]!.GetValue<string>());

        // A copy of the first notice would arrive before the disbursement's own event.
        var disbursed = await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today), borrower.Token);
        Assert.Equal(HttpStatusCode.OK, disbursed.Status);
        var next = await events.NextAsync(Soon);
        Assert.Equal("funding", next.Type);
        Assert.Equal("ACTIVE", next.Json["loan"]!["status"]!.GetValue<string>());
        var second = await events.NextAsync(AgreementWritten);
        Assert.Equal("notice", second.Type);
        Assert.Equal(next.Json["version"]!.GetValue<long>(), second.Json["version"]!.GetValue<long>());
        Assert.NotEqual(first.Json["document_id"]!.GetValue<string>(), second.Json["document_id"]!.GetValue<string>());
    }

    /// <summary>The next notice, after the funding events before it (the stream replays the loan's recent versions).</summary>
    private static async Task<SseEvent> NextNoticeAsync(SseConnection events)
    {
        var deadline = DateTime.UtcNow + AgreementWritten;
        while (true)
        {
            var next = await events.NextAsync(deadline - DateTime.UtcNow);
            if (next.Type != "funding")
            {
                return next;
            }
        }
    }

    private async Task AcceptAllAsync(JsonNode loan, TestUser[] lenders)
    {
        var loanId = loan["loan_id"]!.GetValue<string>();
        for (var i = 0; i < lenders.Length; i++)
        {
            var participantId = loan["participants"]![i]!["participant_id"]!.GetValue<string>();
            var accepted = await Api.PostAsync(
                $"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lenders[i].Name), lenders[i].Token);
            Assert.Equal(HttpStatusCode.OK, accepted.Status);
        }
    }

    private async Task<string> AgreementIdAsync(string loanId, string token)
    {
        var listed = (await Api.GetAsync($"/api/v1/loans/{loanId}/documents", token)).Json["data"]!.AsArray();
        return listed.Single(d => d!["kind"]!.GetValue<string>() == "agreement")!["document_id"]!.GetValue<string>();
    }
}
