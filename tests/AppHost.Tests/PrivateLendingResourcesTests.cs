using Aspire.Hosting.ApplicationModel;
using static PrivateLending.AppHost.PrivateLendingResources;

namespace PrivateLending.AppHost.Tests;

/// <summary>
/// The AppHost's resource graph: the local DynamoDB, the local S3 and MailDev as executables, the silo replicas and the API as
/// projects, wired with the settings run.sh gives them. The model only: nothing is started.
/// </summary>
public sealed class PrivateLendingResourcesTests
{
    [Fact]
    public async Task AppHost_DefaultSettings_LocalStoresAreExecutablesOnRunShPorts()
    {
        await using var model = await AppModel.CreateAsync();

        var dynamoDb = model.Resource<ExecutableResource>(DynamoDb);
        Assert.Equal("node", dynamoDb.Command);
        var dynamoArgs = await model.ArgumentsAsync(dynamoDb);
        Assert.EndsWith(Path.Combine("deploy", "local", "node_modules", "dynalite", "cli.js"), dynamoArgs[0], StringComparison.Ordinal);
        Assert.Equal(["--host", "127.0.0.1", "--port", "8000", "--path"], dynamoArgs[1..6]);
        Assert.EndsWith(Path.Combine(".data", "apphost", "dynamodb"), dynamoArgs[6], StringComparison.Ordinal);
        Assert.Equal(8000, AppModel.Endpoint(dynamoDb, "http").Port);
        Assert.False(AppModel.Endpoint(dynamoDb, "http").IsProxied);

        var mailDev = model.Resource<ExecutableResource>(MailDev);
        var mailArgs = await model.ArgumentsAsync(mailDev);
        Assert.EndsWith(Path.Combine("maildev", "dist", "bin", "maildev.js"), mailArgs[0], StringComparison.Ordinal);
        Assert.Equal(["--ip", "127.0.0.1", "--smtp", "1025", "--web-ip", "127.0.0.1", "--web", "1080"], mailArgs[1..]);
        Assert.DoesNotContain(model.Resources, resource => resource is ContainerResource);
    }

    [Fact]
    public async Task AppHost_DefaultSettings_LocalS3IsAnExecutableOnRunShPortWithItsOwnData()
    {
        await using var model = await AppModel.CreateAsync();

        var s3 = model.Resource<ExecutableResource>(S3);
        Assert.Equal("node", s3.Command);
        var args = await model.ArgumentsAsync(s3);
        Assert.EndsWith(Path.Combine("deploy", "local", "node_modules", "s3rver", "bin", "s3rver.js"), args[0], StringComparison.Ordinal);
        Assert.Equal(["--address", "127.0.0.1", "--port", "4569", "--directory"], args[1..6]);
        Assert.EndsWith(Path.Combine(".data", "apphost", "s3"), args[6], StringComparison.Ordinal);
        Assert.Equal(["--silent"], args[7..]);
        Assert.Equal(4569, AppModel.Endpoint(s3, "http").Port);
        Assert.False(AppModel.Endpoint(s3, "http").IsProxied);
    }

    [Fact]
    public async Task AppHost_S3PortSetting_S3ListensThereAndHostsAreToldSo()
    {
        await using var model = await AppModel.CreateAsync("--AppHost:S3Port=4600");

        Assert.Equal(["--port", "4600"], (await model.ArgumentsAsync(model.Resource<ExecutableResource>(S3)))[3..5]);
        Assert.Equal("http://localhost:4600", (await model.EnvironmentAsync(model.Resource<ProjectResource>(Api)))["Documents__ServiceUrl"]);
    }

    [Fact]
    public async Task AppHost_S3PortOutOfRange_RefusedNamingTheSetting()
    {
        var error = await Record.ExceptionAsync(() => AppModel.CreateAsync("--AppHost:S3Port=0"));

        Assert.NotNull(error);
        Assert.Contains("AppHost:S3Port must be a port", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilosAndApi_Environment_DocumentsOnTheLocalS3AsRunShSetsThem()
    {
        await using var model = await AppModel.CreateAsync();

        foreach (var name in new[] { Silo, Api })
        {
            var environment = await model.EnvironmentAsync(model.Resource<ProjectResource>(name));
            Assert.Equal("privatelending-documents", environment["Documents__Bucket"]);
            Assert.Equal("http://localhost:4569", environment["Documents__ServiceUrl"]);
            Assert.Equal("S3RVER", environment["Documents__AccessKey"]);
            Assert.Equal("S3RVER", environment["Documents__SecretKey"]);
        }
    }

    [Fact]
    public async Task AppHost_DefaultSettings_TwoSiloReplicasEachWithItsOwnPorts()
    {
        await using var model = await AppModel.CreateAsync();

        var silo = model.Resource<ProjectResource>(Silo);
        Assert.Equal(2, silo.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        // No fixed target port: the orchestrator picks one per replica and hands it over in a variable (checked below).
        foreach (var name in new[] { SiloEndpoint, GatewayEndpoint, DashboardEndpoint })
        {
            var endpoint = AppModel.Endpoint(silo, name);
            Assert.Null(endpoint.TargetPort);
            Assert.True(endpoint.IsProxied);
        }

        Assert.Equal(8080, AppModel.Endpoint(silo, DashboardEndpoint).Port);
    }

    [Fact]
    public async Task AppHost_SilosSetting_ThatManyReplicas()
    {
        await using var model = await AppModel.CreateAsync("--AppHost:Silos=3");

        Assert.Equal(3, model.Resource(Silo).Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    [Fact]
    public async Task AppHost_SilosOutOfRange_RefusedNamingTheSetting()
    {
        var error = await Record.ExceptionAsync(() => AppModel.CreateAsync("--AppHost:Silos=0"));

        Assert.NotNull(error);
        Assert.Contains("AppHost:Silos must be from 1 to 99", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_Environment_RunShSettingsAgainstTheLocalStores()
    {
        await using var model = await AppModel.CreateAsync();
        var silo = model.Resource(Silo);

        var environment = await model.EnvironmentAsync(silo);

        AssertCluster(environment);
        Assert.Equal("40000", environment["Cluster__SiloPort"]);
        Assert.Equal("40001", environment["Cluster__GatewayPort"]);
        Assert.Equal("8080", environment["Dashboard__Port"]);
        Assert.Equal("127.0.0.1", environment["Dashboard__Host"]);
        Assert.Equal("true", environment["Mail__Enabled"]);
        Assert.Equal("1025", environment["Mail__Port"]);
        Assert.Equal("http://localhost:5000/", environment["Mail__PublicBaseUrl"]);
        Assert.Equal("true", environment["Webhooks__AllowLoopback"]);
        // Aspire's OTLP variables reach every project: its dashboard gets their logs, traces and metrics.
        Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        // Our silo refuses cluster settings under Orleans: (they moved to Cluster:).
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Orleans__", StringComparison.Ordinal));
        Assert.Equal([DynamoDb, S3], AppModel.WaitsFor(silo).Distinct().Order());
    }

    [Fact]
    public async Task Api_Environment_FindsTheSilosThroughTheMembershipTable()
    {
        await using var model = await AppModel.CreateAsync();
        var api = model.Resource<ProjectResource>(Api);

        var environment = await model.EnvironmentAsync(api);

        AssertCluster(environment);
        Assert.Equal(5000, AppModel.Endpoint(api, "http").Port);
        Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal([DynamoDb, S3, Silo], AppModel.WaitsFor(api).Distinct().Order());
    }

    [Fact]
    public async Task SilosAndApi_Environment_ShareOneClusterClientSecret()
    {
        await using var model = await AppModel.CreateAsync();

        var silo = (await model.EnvironmentAsync(model.Resource<ProjectResource>(Silo)))["Cluster__ClientSecret"];
        var api = (await model.EnvironmentAsync(model.Resource<ProjectResource>(Api)))["Cluster__ClientSecret"];

        Assert.True(silo.Length >= 32, silo);
        Assert.Equal(silo, api);
    }

    private static void AssertCluster(Dictionary<string, string> environment)
    {
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal("DynamoDb", environment["Cluster__Mode"]);
        Assert.Equal("privatelending", environment["Cluster__ClusterId"]);
        Assert.Equal("privatelending", environment["Cluster__ServiceId"]);
        Assert.Equal("http://localhost:8000", environment["DynamoDb__ServiceUrl"]);
        Assert.Equal("us-east-1", environment["DynamoDb__Region"]);
        Assert.Equal("local", environment["DynamoDb__AccessKey"]);
        Assert.Equal("local", environment["DynamoDb__SecretKey"]);
    }
}
