using System.Diagnostics;
using System.Globalization;
using System.Text;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>
/// The real API executable in its own process, against the shared test cluster's gateway, so a test can read
/// exactly what it writes to the console.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Console lines so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }

    public static async Task<ApiProcess> StartAsync(ApiFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var port = LoopbackPorts.FreePort();
        var start = new ProcessStartInfo("dotnet", [AssemblyPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Cluster__ClusterId"] = fixture.Cluster.Options.ClusterId,
            ["Cluster__ServiceId"] = fixture.Cluster.Options.ServiceId,
            ["Cluster__Mode"] = "Static",
            ["Cluster__GatewayPort"] = fixture.Cluster.Primary!.GatewayAddress!.Endpoint!.Port.ToString(CultureInfo.InvariantCulture),
            ["Jwt__SigningKey"] = ApiFixture.SigningKey,
            ["Security__EmailKeySecret"] = TestSecrets.EmailKeySecret,
            ["Cluster__ClientSecret"] = TestSecrets.ClusterClientSecret,
            ["DataProtection__AllowUnencryptedKeys"] = "true",
        };
        foreach (var (key, value) in environment.Concat(settings))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The API process did not start.");
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var ready = await api.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var lines = string.Join('\n', api.Lines);
                await api.DisposeAsync();
                throw new InvalidOperationException($"The API process did not become ready.\n{lines}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }

    private static string AssemblyPath()
    {
        // This test project builds the API (a project reference) in its own configuration, next to its sources.
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(RepoPaths.Root, "src", "Api", "bin", configuration, "net10.0", "PrivateLending.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the API first.", path);
    }
}
