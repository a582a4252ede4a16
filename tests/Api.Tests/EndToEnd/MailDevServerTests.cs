using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.EndToEnd;

/// <summary>The MailDev the end-to-end tests read mail from: what arrives over SMTP is found through its REST API.</summary>
public sealed class MailDevServerTests
{
    [Fact]
    public async Task SentMail_IsFoundByRecipientWithItsTextAndHtml_UntilDeleted()
    {
        await using var mailDev = await MailDevServer.StartAsync();
        await SendAsync(mailDev, "owner@example.com", "Confirm your email address", "Open http://localhost/verify?token=a%2Bb.c to confirm.");
        await SendAsync(mailDev, "someone-else@example.com", "Something else", "Nothing to see.");

        var mail = await mailDev.NewestAsync("owner@example.com", "Confirm");
        Assert.Equal("owner@example.com", Assert.Single(mail.To).Address);
        Assert.Contains("token=a%2Bb.c", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Open", mail.Html, StringComparison.Ordinal);
        Assert.Equal("a+b.c", await mailDev.VerificationTokenAsync("owner@example.com"));
        Assert.Equal(["Confirm your email address"], await mailDev.SubjectsAsync("owner@example.com"));
        Assert.Equal(2, (await mailDev.ListAsync()).Count);

        await mailDev.DeleteAllAsync();

        Assert.Empty(await mailDev.ListAsync());
    }

    [Fact]
    public async Task Dispose_StopsMailDevAndDeletesItsFiles()
    {
        var mailDev = await MailDevServer.StartAsync();
        await SendAsync(mailDev, "owner@example.com", "Hello", "Hi.");
        await mailDev.NewestAsync("owner@example.com", "Hello");

        await mailDev.DisposeAsync();

        Assert.False(await LoopbackPorts.IsListeningAsync(mailDev.SmtpPort));
        Assert.False(await LoopbackPorts.IsListeningAsync(mailDev.WebPort));
        Assert.False(Directory.Exists(mailDev.TempDirectory));
    }

    private static async Task SendAsync(MailDevServer mailDev, string to, string subject, string text)
    {
        using var message = new MimeMessage
        {
            Subject = subject,
            Body = new BodyBuilder { TextBody = text, HtmlBody = $"<p>{text}</p>" }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse("no-reply@example.com"));
        message.To.Add(MailboxAddress.Parse(to));
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", mailDev.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }
}
