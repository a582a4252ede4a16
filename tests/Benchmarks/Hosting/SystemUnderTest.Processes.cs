using System.Diagnostics;
using PrivateLending.TestSupport;

namespace PrivateLending.Benchmarks.Hosting;

/// <summary>How the system's processes are built, started and waited for: local DynamoDB, the silo and the API.</summary>
internal sealed partial class SystemUnderTest
{
    private async Task PrepareAsync(bool build, bool ours, CancellationToken cancellationToken)
    {
        // The tests' installer: npm ci of the pinned dynalite, at most once across processes.
        await DynaliteInstaller.EnsureInstalledAsync(cancellationToken);

        if (build)
        {
            foreach (var project in new[] { "src/Silo/Silo.csproj", "src/Api/Api.csproj" })
            {
                Console.WriteLine($"  dotnet build -c Release {project}");
                await RunToEndAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "quiet"], cancellationToken);
            }
        }

        foreach (var dll in ours ? new[] { _siloDll, _apiDll } : [])
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build Release first (or drop --no-build)");
            }
        }
    }

    private async Task RunToEndAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = _repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):{Environment.NewLine}{await output}{await error}");
        }
    }

    private async Task StartDynamoDbAsync(CancellationToken cancellationToken)
    {
        DynamoDb = _host.Start("dynalite", _repoRoot, new Dictionary<string, string>(),
            "node", DynaliteInstaller.CliPath,
            "--host", "127.0.0.1", "--port", DynamoDbPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--path", _dataDirectory);
        await WaitUntilAsync(DynamoDb, TimeSpan.FromSeconds(30), () => LoopbackPorts.IsListeningAsync(DynamoDbPort), cancellationToken);
    }

    private async Task StartSiloAsync(CancellationToken cancellationToken)
    {
        var environment = SiloDefaults(SiloPort, GatewayPort, DashboardPort);
        Silo = _host.Start("silo", _repoRoot, environment, "dotnet", _siloDll);
        var silo = Silo;
        await WaitUntilAsync(silo, TimeSpan.FromSeconds(120), () => LoopbackPorts.IsListeningAsync(GatewayPort), cancellationToken, "gateway");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(silo, TimeSpan.FromSeconds(60), async () =>
        {
            try
            {
                using var response = await http.GetAsync(MetricsUrl, cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A silo still starting on a loaded machine may take longer than one probe's time-out: probe again.
                return false;
            }
        }, cancellationToken, "/metrics");
    }

    private Dictionary<string, string> SiloDefaults(int siloPort, int gatewayPort, int dashboardPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["DynamoDb__ServiceUrl"] = DynamoDbUrl.ToString().TrimEnd('/'),
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__AccessKey"] = "local",
            ["DynamoDb__SecretKey"] = "local",
            ["Cluster__SiloPort"] = Invariant(siloPort),
            ["Cluster__GatewayPort"] = Invariant(gatewayPort),
            ["Dashboard__Host"] = "127.0.0.1",
            ["Dashboard__Port"] = Invariant(dashboardPort),
            // Accounts must verify their email before they may invite or answer: seeding reads the links here.
            ["Mail__Enabled"] = "true",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = Invariant(TestSmtpServer.Shared.Port),
            ["Mail__From"] = "PrivateLending <no-reply@example.com>",
            // Seeding makes thousands of invitations from a few borrowers to a few dozen lenders: the daily quotas that
            // protect third parties would refuse it, and a capped mail is work the measured path then skips.
            ["Invitations__DailyPerSender"] = "10000000",
            ["Invitations__DailyMailsPerRecipient"] = "10000000",
        };
        foreach (var (key, value) in SiloEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task StartApiAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiPort}",
            ["Cluster__GatewayPort"] = Invariant(GatewayPort),
            ["Cluster__SiloPort"] = Invariant(SiloPort),
            ["DynamoDb__ServiceUrl"] = DynamoDbUrl.ToString().TrimEnd('/'),
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__AccessKey"] = "local",
            ["DynamoDb__SecretKey"] = "local",
            // A benchmark drives far more than a person: per-user limits would answer 429 and measure the limiter.
            // 100,000 requests/s per user is far above what one user reaches here (the whole system serves a few thousand).
            ["RateLimiting__PermitsPerSecond"] = "100000",
            ["RateLimiting__Burst"] = "100000",
            ["RateLimiting__LoginPermitsPerMinute"] = "10000",
            // Seeding registers and signs in thousands of users from one address.
            ["RateLimiting__AuthPermitsPerMinute"] = "1000000",
            // A fixed key for the run: tokens issued before an API restart stay valid after it.
            ["Jwt__SigningKey"] = _signingKey,
        };
        foreach (var (key, value) in ApiEnvironment)
        {
            environment[key] = value;
        }

        Api = _host.Start("api", _repoRoot, environment, "dotnet", _apiDll);
        var api = Api;
        await WaitUntilAsync(api, TimeSpan.FromSeconds(120), () => IsApiReadyAsync(cancellationToken), cancellationToken);
    }

    private async Task<bool> WaitForApiReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await IsApiReadyAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private async Task<bool> IsApiReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(ApiUrl, "/health/ready"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(ChildProcess child, TimeSpan timeout, Func<Task<bool>> condition, CancellationToken cancellationToken, string what = "")
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"{child.Name} exited during start-up; last lines of {child.LogPath}:{Environment.NewLine}{child.Tail()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{child.Name} was not ready within {timeout.TotalSeconds:0} s; last lines of {child.LogPath}:{Environment.NewLine}{child.Tail()}");
            }

            await Task.Delay(250, cancellationToken);
        }

        Console.WriteLine($"  {child.Name} {what}{(what.Length > 0 ? " " : "")}ready after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
