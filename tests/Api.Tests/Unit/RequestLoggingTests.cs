using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Api.Infrastructure.Logging;
using Serilog.Events;

namespace PrivateLending.Api.Tests.Unit;

public sealed class RequestLoggingTests
{
    private static readonly RequestLoggingSettings Defaults = new();

    [Theory]
    [InlineData(200, 3.0, LogEventLevel.Information)]
    [InlineData(201, 999.9, LogEventLevel.Information)]
    [InlineData(304, 1.0, LogEventLevel.Information)]
    [InlineData(200, 1000.0, LogEventLevel.Warning)]
    [InlineData(404, 2.0, LogEventLevel.Information)]
    [InlineData(429, 0.5, LogEventLevel.Information)]
    [InlineData(400, 5000.0, LogEventLevel.Warning)]
    [InlineData(500, 1.0, LogEventLevel.Error)]
    [InlineData(503, 9000.0, LogEventLevel.Error)]
    public void Level_ByStatusAndDuration(int status, double elapsedMs, LogEventLevel expected) =>
        Assert.Equal(expected, RequestLogging.LevelFor(Defaults, status, elapsedMs, exception: null));

    [Fact]
    public void Level_Exception_IsErrorEvenWhenFastAndSuccessful() =>
        Assert.Equal(LogEventLevel.Error, RequestLogging.LevelFor(Defaults, 200, 1.0, new InvalidOperationException()));

    [Fact]
    public void Level_FollowsTheSettings()
    {
        var settings = new RequestLoggingSettings
        {
            SuccessLevel = LogEventLevel.Debug,
            ClientErrorLevel = LogEventLevel.Warning,
            SlowRequestMilliseconds = 50,
        };

        Assert.Equal(LogEventLevel.Debug, RequestLogging.LevelFor(settings, 200, 49.9, null));
        Assert.Equal(LogEventLevel.Warning, RequestLogging.LevelFor(settings, 401, 1.0, null));
        Assert.Equal(LogEventLevel.Warning, RequestLogging.LevelFor(settings, 200, 50.0, null));
    }

    [Fact]
    public void Settings_BindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RequestLogging:SuccessLevel"] = "Debug",
            ["RequestLogging:SlowRequestMilliseconds"] = "250",
        }).Build();
        using var services = Services(configuration);

        var settings = services.GetRequiredService<IOptions<RequestLoggingSettings>>().Value;

        Assert.Equal(LogEventLevel.Debug, settings.SuccessLevel);
        Assert.Equal(LogEventLevel.Information, settings.ClientErrorLevel);
        Assert.Equal(250, settings.SlowRequestMilliseconds);
    }

    [Theory]
    [InlineData("RequestLogging:SlowRequestMilliseconds", "0")]
    [InlineData("RequestLogging:SuccessLevel", "Chatty")]
    public void Settings_Invalid_NameTheSetting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = Services(configuration);

        var failure = Assert.Throws<AggregateException>(() => services.ValidateSettingsNow());

        Assert.Contains(key, ApiHosting.DescribeSettingsFailure(failure), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(IConfiguration configuration) => new ServiceCollection()
        .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development })
        .AddApiSettings(configuration)
        .BuildServiceProvider();
}
