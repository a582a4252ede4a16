using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PrivateLending.TestSupport;

/// <summary>A mail received by <see cref="TestSmtpServer"/>.</summary>
public sealed record ReceivedMail(string MessageId, string To, string Subject, string Text);

/// <summary>
/// A real SMTP listener on a free loopback port, shared by every test in the process: silo processes started by
/// <see cref="SiloProcess"/> send their mail here, and tests read it like a user reads their inbox.
/// </summary>
public sealed class TestSmtpServer
{
    private static readonly Lazy<TestSmtpServer> Instance = new(Start);

    private readonly ConcurrentQueue<ReceivedMail> _received = new();

    private TestSmtpServer(int port) => Port = port;

    public static TestSmtpServer Shared => Instance.Value;

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    private static TestSmtpServer Start()
    {
        var port = LoopbackPorts.FreePort();
        var server = new TestSmtpServer(port);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(server));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(CancellationToken.None);
        return server;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            foreach (var to in message.To.Mailboxes)
            {
                server._received.Enqueue(new ReceivedMail(message.MessageId ?? "", to.Address, message.Subject ?? "", message.TextBody ?? ""));
            }

            return SmtpResponse.Ok;
        }
    }
}
