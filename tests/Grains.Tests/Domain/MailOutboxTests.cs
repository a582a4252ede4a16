using Microsoft.Extensions.Logging.Abstractions;
using PrivateLending.Grains.Mail;
using PrivateLending.Grains.Tests.Infrastructure;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>The outbox sends in order, stops at the first refusal, and counts what was sent and what failed by kind.</summary>
public sealed class MailOutboxTests
{
    [Fact]
    public async Task SendAsync_SecondRefused_FirstSentAndCountedThenOneFailureCounted()
    {
        // A kind of its own, so mail other tests send meanwhile is not counted here.
        var kind = $"test-{Guid.NewGuid():N}";
        using var counts = new CounterRecorder(MailMetrics.MeterName, "kind");
        var outbox = new[] { Mail("a"), Mail("b"), Mail("c") };

        var sent = await MailOutbox.SendAsync(new RefusingSender("b"), outbox, kind, NullLogger.Instance);

        Assert.Equal(["a"], sent);
        Assert.Equal(1, counts.Of("privatelending.mail.sent", kind));
        Assert.Equal(1, counts.Of("privatelending.mail.failed", kind));
    }

    private static OutgoingMail Mail(string id) => new() { MessageId = id, To = $"{id}@example.com", Subject = "s", Text = "t" };

    private sealed class RefusingSender(string refused) : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            mail.MessageId == refused ? Task.FromException(new InvalidOperationException("550 refused")) : Task.CompletedTask;
    }
}
