using PrivateLending.TestSupport;
using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Tests.Infrastructure;

/// <summary>Builders for test inputs; every call makes fresh ids and emails so tests never share grains.</summary>
internal static class TestData
{
    /// <summary>The refusal a command ended with (its domain error code), or null when it succeeded.</summary>
    public static async Task<DomainErrorCode?> Outcome<T>(Task<T> call)
    {
        try
        {
            await call;
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Code;
        }
    }

    public static string Email(string prefix = "lender") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>A user who has proved their address (as every invite and answer requires); <see cref="Unverified"/> for one who has not.</summary>
    public static Actor User(string? email = null, string name = "Test User") => new(Guid.CreateVersion7(), email ?? Email("user"), name, EmailVerified: true);

    public static Actor Unverified(Actor actor) => actor with { EmailVerified = false };

    public static Viewer ViewerOf(Actor actor) => new(actor.UserId, actor.Email);

    public static LoanTerms Terms(decimal amount = 1000m) => new(amount, 5.25m, 12, "Kitchen renovation");

    public static LenderInvite Invite(string email, decimal amount) => new(email, amount);

    public static ProtectedAch Ach(string last4 = "6789") => new("CfDJ8-secret-ciphertext", "Jane Lender", "checking", last4);

    public static IdempotencyToken Token(string hash = "hash-1") => new(Guid.NewGuid().ToString(), hash);

    public static CreateLoan Create(Actor borrower, decimal amount = 1000m, params LenderInvite[] lenders) =>
        new(borrower, Terms(amount), [.. lenders]);

    public static async Task<(ILoanGrain Grain, LoanView View)> CreateLoanAsync(
        IGrainFactory grains, Actor borrower, decimal amount = 1000m, params LenderInvite[] lenders)
    {
        var grain = grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());
        var result = await grain.CreateAsync(Create(borrower, amount, lenders));
        return (grain, result.Value);
    }

    /// <summary>The lender's account actor for an invited email (same email, its own user id).</summary>
    public static Actor LenderFor(string email, string name = "Jane Lender") => new(Guid.CreateVersion7(), email, name, EmailVerified: true);

    /// <summary>An answer; an acceptance names <paramref name="termsVersion"/>, the terms of a loan that never changed them unless told.</summary>
    public static RespondToInvitation Respond(Actor lender, Guid participantId, bool accept, IdempotencyToken? token = null, long? termsVersion = 1) =>
        new(lender, participantId, accept ? Ach() : null, token, termsVersion);

    public static AddLenders Add(Actor borrower, params LenderInvite[] lenders) => new(borrower, [.. lenders]);

    public static ImmutableArray<LenderInvite> Invites(int count, decimal amount) =>
        [.. Enumerable.Range(0, count).Select(_ => Invite(Email(), amount))];

    /// <summary>The test silo's email keys (a fixed secret, so keys are the same in every run).</summary>
    public static readonly EmailKeys Keys = EmailKeys.FromBase64("Z3JhaW5zLXRlc3RzLWVtYWlsLWtleS1zZWNyZXQtMDEyMzQ1Njc4OQ==");

    /// <summary>The key of the email's account and lender grains.</summary>
    public static string Key(string email) => Keys.For(email);

    /// <summary>Registers an account and verifies its email with the token from the verification mail.</summary>
    public static async Task<UserProfile> RegisterVerifiedAsync(IGrainFactory grains, string email, string name = "Zed")
    {
        var account = grains.GetGrain<IAccountGrain>(Key(email));
        var registered = (await account.RegisterAsync(new RegisterUser(email, name, "hash"))).Value;
        Assert.True(EmailVerificationToken.TryParse(await TestMailbox.Instance.VerificationTokenAsync(email), out _, out var secret));
        Assert.True(await account.VerifyEmailAsync(registered.UserId, secret));
        return registered;
    }

    /// <summary>Polls until <paramref name="done"/> holds (for work a grain does after answering), or fails after 10 s.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
