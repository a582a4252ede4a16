using PrivateLending.Api.Infrastructure.Hosting;
using Serilog;

// Console logging until the host's own logger takes over, so start-up failures are visible too.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrivateLendingApi();
    var app = builder.Build();
    app.UsePrivateLendingApi();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ApiHosting.DescribeSettingsFailure(ex) is { } settings)
{
    Log.Fatal("Invalid configuration, not starting: {Failures}", settings);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The API stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
