using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrivateLending.AppHost.Tests;

/// <summary>The AppHost's model as its Program.cs builds it, with every endpoint given an address as if allocated.</summary>
internal sealed class AppModel : IAsyncDisposable
{
    private readonly IDistributedApplicationTestingBuilder _builder;

    private AppModel(IDistributedApplicationTestingBuilder builder) => _builder = builder;

    public static async Task<AppModel> CreateAsync(params string[] args)
    {
        // The AppHost's own entry point runs up to Build: the model is the one `dotnet run` would start.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(PrivateLendingResources), args, CancellationToken.None);
        var next = 40_000;
        foreach (var endpoint in builder.Resources.SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>()))
        {
            var port = endpoint.Port ?? next++;
            // Where no target port is fixed the orchestrator gives each replica one; here it is the same number.
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port, (endpoint.TargetPort ?? port).ToString(CultureInfo.InvariantCulture));
        }

        return new AppModel(builder);
    }

    public IEnumerable<IResource> Resources => _builder.Resources;

    public IResource Resource(string name) => Assert.Single(_builder.Resources, resource => resource.Name == name);

    public T Resource<T>(string name) where T : IResource => Assert.IsType<T>(Resource(name));

    public static EndpointAnnotation Endpoint(IResource resource, string name) =>
        Assert.Single(resource.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == name);

    /// <summary>The variables and arguments the resource would be started with.</summary>
    public async Task<IExecutionConfigurationResult> LaunchAsync(IResource resource)
    {
        var context = _builder.ExecutionContext;
        var result = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .WithArgumentsConfig()
            .BuildAsync(context, NullLogger.Instance, CancellationToken.None);
        Assert.Null(result.Exception);
        return result;
    }

    public async Task<Dictionary<string, string>> EnvironmentAsync(IResource resource) =>
        (await LaunchAsync(resource)).EnvironmentVariables.ToDictionary();

    public async Task<string[]> ArgumentsAsync(IResource resource) =>
        [.. (await LaunchAsync(resource)).Arguments.Select(argument => argument.Value)];

    public static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name);

    public ValueTask DisposeAsync() => _builder.DisposeAsync();
}
