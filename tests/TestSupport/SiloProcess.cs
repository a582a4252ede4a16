using System.Diagnostics;
using System.Text;

namespace PrivateLending.TestSupport;

/// <summary>
/// The real silo executable in its own process, so a test can kill it the hard way (SIGKILL) and start another.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>Silo-to-silo port. A silo restarted on the same port retires its killed predecessor from the membership table at once.</summary>
    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The silo's HTTP port: dashboard, <c>/metrics</c> and <c>/health/*</c> on 127.0.0.1.</summary>
    public int HttpPort { get; private init; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the silo against a DynamoDB endpoint (DynamoDB clustering, cluster id = <paramref name="serviceId"/>) and
    /// waits until its gateway accepts connections. Pass the <paramref name="siloPort"/> of a killed silo to restart it.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string dynamoDbUrl, string tableName, string serviceId, TimeSpan timeout, int? siloPort = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dynamoDbUrl, tableName, serviceId, timeout, siloPort, settings);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // A port handed out as free was taken before the silo bound it (ports are picked from the range the
                // system also uses for outgoing connections): start again on fresh ports.
            }
        }
    }

    private static async Task<SiloProcess> StartOnceAsync(
        string dynamoDbUrl, string tableName, string serviceId, TimeSpan timeout, int? siloPort, IReadOnlyDictionary<string, string>? settings)
    {
        var (gatewayPort, dashboardPort) = (LoopbackPorts.FreePort(), LoopbackPorts.FreePort());
        var port = siloPort ?? LoopbackPorts.FreePort();
        var start = new ProcessStartInfo("dotnet", [SiloAssemblyPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Cluster__ServiceId"] = serviceId,
            ["Cluster__ClusterId"] = serviceId,
            ["Cluster__SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dashboard__Port"] = dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DynamoDb__ServiceUrl"] = dynamoDbUrl,
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__AccessKey"] = "local",
            ["DynamoDb__SecretKey"] = "local",
            ["DynamoDb__TableName"] = tableName,
            ["Security__EmailKeySecret"] = TestSecrets.EmailKeySecret,
            ["Cluster__ClientSecret"] = TestSecrets.ClusterClientSecret,
            // The silos' Data Protection keys (webhook secrets) in clear unless a test passes key encryption.
            ["DataProtection__AllowUnencryptedKeys"] = "true",
            // Mail goes over real SMTP to the tests' listener, where tests read verification links.
            ["Mail__Enabled"] = "true",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = TestSmtpServer.Shared.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__From"] = "PrivateLending <no-reply@example.com>",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        var silo = new SiloProcess(process, port, gatewayPort) { HttpPort = dashboardPort };
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (!await LoopbackPorts.IsListeningAsync(gatewayPort))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await silo.DisposeAsync();
                throw new InvalidOperationException($"The silo did not open its gateway in time.\n{silo.Output}");
            }

            await Task.Delay(200);
        }

        return silo;
    }

    /// <summary>SIGKILL: no graceful shutdown, nothing flushed — exactly what a crash looks like.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string SiloAssemblyPath()
    {
        // Test projects build the silo (a project reference) in their own configuration, next to its sources.
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(RepoPaths.Root, "src", "Silo", "bin", configuration, "net10.0", "PrivateLending.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the silo first.", path);
    }
}
