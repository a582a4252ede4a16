using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PrivateLending.TestSupport;

/// <summary>A mail as MailDev's REST API shows it.</summary>
public sealed record MailDevMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress> To,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html);

/// <summary>One recipient of a <see cref="MailDevMessage"/>.</summary>
public sealed record MailDevAddress([property: JsonPropertyName("address")] string Address);

/// <summary>
/// MailDev from deploy/local (the inbox run.sh gives developers) on free loopback ports: its SMTP port receives what
/// silo processes send, and tests read the mail through its REST API as the address's owner would. It keeps mail in
/// memory and relays nothing; the raw messages it writes go to a temp folder of its own, deleted on dispose.
/// </summary>
public sealed class MailDevServer : IMailInbox, IAsyncDisposable
{
    private static readonly NpmFolder DeployLocal = new(RepoPaths.DeployLocal, CliPath);
    private static readonly TimeSpan WaitForMail = TimeSpan.FromSeconds(10);

    private readonly NodeToolProcess _tool;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MailDevServer(string tempDirectory)
    {
        TempDirectory = tempDirectory;
        var environment = new Dictionary<string, string?>
        {
            // MailDev writes each raw message under the system temp folder even with in-memory storage.
            ["TMPDIR"] = tempDirectory,
        };
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(k => k.StartsWith("MAILDEV_", StringComparison.Ordinal)))
        {
            // A developer's MAILDEV_OUTGOING_HOST (or any other setting) must not turn on a relay or a mail folder.
            environment[key] = null;
        }

        _tool = new NodeToolProcess("maildev", CliPath, environment);
    }

    /// <summary>MailDev's command-line entry point.</summary>
    public static string CliPath => Path.Combine(RepoPaths.DeployLocal, "node_modules", "maildev", "dist", "bin", "maildev.js");

    public string TempDirectory { get; }

    public int SmtpPort { get; private set; }

    public int WebPort { get; private set; }

    /// <summary>The silo's settings that send its mail here (as environment variables for a silo process).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["Mail__Enabled"] = "true",
        ["Mail__Host"] = "127.0.0.1",
        ["Mail__Port"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
    };

    private Uri Api => new($"http://127.0.0.1:{WebPort}/api/");

    /// <summary>Installs MailDev if needed (npm ci), starts it and waits until its REST API answers.</summary>
    public static async Task<MailDevServer> StartAsync(CancellationToken cancellationToken = default)
    {
        await DeployLocal.EnsureInstalledAsync(cancellationToken);
        var temp = Path.Combine(Path.GetTempPath(), "privatelending-maildev-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        var server = new MailDevServer(temp);
        try
        {
            await server._tool.StartAsync(
                _ =>
                {
                    (server.SmtpPort, server.WebPort) = (LoopbackPorts.FreePort(), LoopbackPorts.FreePort());
                    return
                    [
                        "--ip", "127.0.0.1", "--smtp", server.SmtpPort.ToString(CultureInfo.InvariantCulture),
                        "--web-ip", "127.0.0.1", "--web", server.WebPort.ToString(CultureInfo.InvariantCulture), "--silent",
                    ];
                },
                async token =>
                {
                    // The web API answers once the SMTP server listens: MailDev starts SMTP first.
                    (await server._http.GetAsync(new Uri(server.Api, "healthz"), token)).EnsureSuccessStatusCode();
                    if (!await LoopbackPorts.IsListeningAsync(server.SmtpPort))
                    {
                        throw new InvalidOperationException("SMTP is not listening.");
                    }
                },
                "GET /api/healthz",
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every mail received, oldest first.</summary>
    public async Task<IReadOnlyList<MailDevMessage>> ListAsync() =>
        await _http.GetFromJsonAsync<List<MailDevMessage>>(new Uri(Api, "email")) ?? [];

    /// <summary>The mail to <paramref name="address"/>, oldest first (MailDev filters on the recipient).</summary>
    public async Task<IReadOnlyList<MailDevMessage>> ToAsync(string address) =>
        await _http.GetFromJsonAsync<List<MailDevMessage>>(
            new Uri(Api, "email?to.address=" + Uri.EscapeDataString(address.Trim()))) ?? [];

    /// <summary>The newest mail to <paramref name="address"/> whose subject contains <paramref name="subject"/>, waiting up to 10 s for one.</summary>
    public async Task<MailDevMessage> NewestAsync(string address, string subject)
    {
        var deadline = DateTime.UtcNow + WaitForMail;
        while (true)
        {
            var found = (await ToAsync(address)).LastOrDefault(m => m.Subject.Contains(subject, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail about \"{subject}\" to {address} arrived in MailDev.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Empties the inbox.</summary>
    public async Task DeleteAllAsync() => (await _http.DeleteAsync(new Uri(Api, "email/all"))).EnsureSuccessStatusCode();

    public async Task<string> VerificationTokenAsync(string address) =>
        MailLinks.Token((await NewestAsync(address, MailLinks.VerificationSubject)).Text ?? "");

    public async Task<IReadOnlyList<string>> SubjectsAsync(string address) => [.. (await ToAsync(address)).Select(m => m.Subject)];

    public ValueTask DisposeAsync()
    {
        _tool.Stop();
        _http.Dispose();
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
