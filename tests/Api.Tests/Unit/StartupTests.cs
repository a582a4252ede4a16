using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Tests.Unit;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_InvalidSettingsInProduction_ExitsWith1NamingEverySetting()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PrivateLending.Api.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Jwt__SigningKey");
        start.Environment.Remove("Security__EmailKeySecret");
        start.Environment["Cluster__GatewayPort"] = "70000";
        start.Environment["RateLimiting__Burst"] = "0";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Jwt:SigningKey is required outside Development", text, StringComparison.Ordinal);
        Assert.Contains("Cluster:GatewayPort", text, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:Burst", text, StringComparison.Ordinal);
        Assert.Contains("Security:EmailKeySecret is required outside Development", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_MissingInDevelopment_IsGeneratedWithAWarning()
    {
        var logger = new WarningCounter();

        var keys = new SigningKeyProvider(Options.Create(new JwtSettings()), logger);

        Assert.Equal(64, keys.SigningKey.Key.Length);
        Assert.Equal(1, logger.Warnings);
        Assert.NotEqual(keys.SigningKey.Key, new SigningKeyProvider(Options.Create(new JwtSettings()), logger).SigningKey.Key);
    }

    private sealed class WarningCounter : ILogger<SigningKeyProvider>
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && formatter(state, exception).Contains("Jwt:SigningKey", StringComparison.Ordinal))
            {
                Warnings++;
            }
        }
    }
}
