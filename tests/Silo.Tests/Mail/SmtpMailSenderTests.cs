using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivateLending.Grains.Mail;
using PrivateLending.Silo.Mail;
using PrivateLending.TestSupport;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PrivateLending.Silo.Tests.Mail;

/// <summary>An outbox of several mails goes over one SMTP connection, each mail reported as soon as the server took it.</summary>
public sealed class SmtpMailSenderTests
{
    [Fact]
    public async Task SendAllAsync_ThreeMails_OneConnectionAndEachAcceptedInOrder()
    {
        var received = new ConcurrentQueue<string>();
        var sessions = 0;
        var port = LoopbackPorts.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref sessions);
        using var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var sender = new SmtpMailSender(
            Options.Create(new MailSettings { Enabled = true, Host = "127.0.0.1", Port = port, From = "noreply@example.com" }),
            NullLogger<SmtpMailSender>.Instance);
        OutgoingMail[] mails = [Mail("a"), Mail("b"), Mail("c")];
        var accepted = new List<string>();

        await sender.SendAllAsync(mails, m => accepted.Add(m.MessageId), CancellationToken.None);
        await stop.CancelAsync();
        await running;

        Assert.Equal(1, sessions);
        Assert.Equal(mails.Select(m => m.MessageId), accepted);
        Assert.Equal(mails.Select(m => m.MessageId), received);
    }

    private static OutgoingMail Mail(string name) =>
        new() { MessageId = $"{name}-{Guid.NewGuid():N}@test", To = $"{name}@example.com", Subject = name, Text = name };

    private sealed class Store(ConcurrentQueue<string> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Enqueue(message.MessageId ?? "");
            return SmtpResponse.Ok;
        }
    }
}
