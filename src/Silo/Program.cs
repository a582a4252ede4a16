using PrivateLending.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPrivateLendingSilo();

var app = builder.Build();
app.MapPrivateLendingSilo();
app.Run();
