using PrivateLending.Api.Infrastructure.Hosting;
using PrivateLending.Hosting.Logging;
using Serilog;

// Console logging, in the configured format, until the host's own logger takes over.
Log.Logger = new LoggerConfiguration().WriteToConsole(LoggingSetup.IsJsonFromEnvironment()).CreateLogger();
try
{
    // Content root is the app's folder, so appsettings.json is found whatever the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddPrivateLendingApi();
    var app = builder.Build();
    app.UsePrivateLendingApi();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    return ApiHosting.ReportFailure(ex);
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to test hosts.</summary>
public partial class Program;
