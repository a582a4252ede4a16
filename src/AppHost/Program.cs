using PrivateLending.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddPrivateLending();
builder.Build().Run();
