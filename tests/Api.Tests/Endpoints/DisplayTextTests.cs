using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>
/// Free text other people read (names, purposes, reasons) refuses control, bidi and zero-width characters wherever it
/// enters, with a 400 VALIDATION_ERROR naming the field; nothing is stored.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class DisplayTextTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    public static TheoryData<string> Unsafe() =>
    [
        "Kitchen\r\nBcc: everyone@example.com",
        "Pay to \u202Emoc.elpmaxe\u202C",
        "Kitchen\u200Brenovation",
        "Kitchen\u2066renovation\u2069",
        "Kitchen\trenovation",
        "Kitchen renovation\n",
    ];

    [Theory]
    [MemberData(nameof(Unsafe))]
    public async Task CreateLoan_PurposeWithControlBidiOrZeroWidth_400AndNothingCreated(string purpose)
    {
        var borrower = await Api.NewUserAsync();
        var body = TestApi.LoanBody();
        body["purpose"] = purpose;

        var response = await Api.PostAsync("/api/v1/loans", body, borrower.Token);

        ProblemAssert.HasFieldError(response, "purpose");
        Assert.Equal(DisplayText.InvalidMessage, response.Json["errors"]!["purpose"]![0]!.GetValue<string>());
        Assert.DoesNotContain(purpose, response.Body, StringComparison.Ordinal);
        Assert.Empty((await Api.GetAsync("/api/v1/me/loans", borrower.Token)).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task UpdateAndCancelLoan_UnsafeText_400AndLoanUnchanged()
    {
        var borrower = await Api.NewUserAsync();
        var loan = await Api.CreateLoanAsync(borrower);
        var path = $"/api/v1/loans/{loan["loan_id"]}";

        var patch = await Api.SendAsync(HttpMethod.Patch, path, borrower.Token, new JsonObject { ["purpose"] = "New\u202Eroof" },
            new Dictionary<string, string> { ["If-Match"] = $"\"{loan["version"]}\"" });
        var cancel = await Api.SendAsync(HttpMethod.Delete, path, borrower.Token, new JsonObject { ["reason"] = "Changed\u200Dmind" });

        ProblemAssert.HasFieldError(patch, "purpose");
        ProblemAssert.HasFieldError(cancel, "reason");
        var after = await Api.GetAsync(path, borrower.Token);
        Assert.Equal(("Kitchen renovation", "PENDING"), (after.Json["purpose"]!.GetValue<string>(), after.Json["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Register_NameWithLineBreakOrOverride_400()
    {
        var withBreak = await Api.RegisterAsync(TestApi.UniqueEmail("crlf"), name: "Ann\r\nSubject: urgent");
        var withOverride = await Api.RegisterAsync(TestApi.UniqueEmail("rlo"), name: "Ann \u202Enosmaj");

        ProblemAssert.HasFieldError(withBreak, "name");
        ProblemAssert.HasFieldError(withOverride, "name");
    }

    [Fact]
    public async Task Accept_AccountHolderWithZeroWidth_400()
    {
        var borrower = await Api.NewUserAsync();
        var lender = await Api.NewUserAsync("Lee");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 100m));

        var accept = await Api.PostAsync(
            $"/api/v1/loans/{loan["loan_id"]}/participants/{loan["participants"]![0]!["participant_id"]}/accept",
            TestApi.AchBody(holder: "Lee\uFEFFLender"), lender.Token);

        ProblemAssert.HasFieldError(accept, "ach.account_holder");
    }

    [Fact]
    public async Task CreateWebhook_DescriptionWithControlCharacter_400()
    {
        var user = await Api.NewUserAsync();

        var response = await Api.PostAsync("/api/v1/webhooks", new JsonObject
        {
            ["url"] = "https://hooks.example.com/in",
            ["events"] = new JsonArray("loan.created"),
            ["description"] = "ops\u0007bell",
        }, user.Token);

        ProblemAssert.HasFieldError(response, "description");
    }
}
