using Microsoft.Playwright;
using PrivateLending.Api.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateLending.Api.Tests.Live;

/// <summary>Signs a user in on the dashboard page as a person would, and waits until its live connection is up.</summary>
internal static class DashboardSignIn
{
    public static async Task SignInAsync(this IPage page, Uri apiBase, TestUser user)
    {
        await page.GotoAsync(new Uri(apiBase, "/app/").ToString());
        var signIn = page.GetByRole(AriaRole.Form, new() { Name = "Sign in" });
        await signIn.GetByLabel("Email", new() { Exact = true }).FillAsync(user.Email);
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync(user.Password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Live", new() { Timeout = 10_000 });
    }
}
