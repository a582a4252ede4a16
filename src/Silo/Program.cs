using PrivateLending.Silo.Hosting;

// Content root is the app's folder so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPrivateLendingSilo();

var app = builder.Build();
app.MapPrivateLendingSilo();
app.Run();
