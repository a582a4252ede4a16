using Microsoft.Playwright;
using PrivateLending.Api.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateLending.Api.Tests.Live;

/// <summary>What the dashboard's browser tests share: the system's Chromium, and signing in as a person would.</summary>
internal static class DashboardBrowser
{
    /// <summary>Debian's chromium package; nothing downloads a browser for these tests.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Starts Chromium headless; fails the test, saying how to install it, when it is missing.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ChromiumPath), $"The dashboard test needs Chromium at {ChromiumPath} (Debian: apt-get install -y chromium).");
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>Signs the user in on the page and waits until its live connection is up.</summary>
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
