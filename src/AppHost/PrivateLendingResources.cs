using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace PrivateLending.AppHost;

/// <summary>
/// The local system as an Aspire model: the local DynamoDB (dynalite), the local S3 (s3rver) and MailDev as executables, N silo replicas
/// and the API as projects, wired with the same settings <c>run.sh</c> gives them. Aspire adds
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> to every project, so their logs, traces and metrics reach its dashboard.
/// </summary>
public static class PrivateLendingResources
{
    public const string DynamoDb = "dynamodb";
    public const string S3 = "s3";

    /// <summary>The documents bucket, as <c>run.sh</c> names it; made on first use.</summary>
    public const string DocumentsBucket = "privatelending-documents";

    public const string MailDev = "maildev";
    public const string Silo = "silo";
    public const string Api = "api";

    /// <summary>The silos' endpoints; each replica gets its own port, handed over in the named variable.</summary>
    public const string SiloEndpoint = "silo";
    public const string GatewayEndpoint = "gateway";
    public const string DashboardEndpoint = "dashboard";

    /// <summary>Adds every resource of the local system to <paramref name="builder"/>.</summary>
    public static IDistributedApplicationBuilder AddPrivateLending(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(AppHostSettings.Section).Get<AppHostSettings>() ?? new();
        settings.Validate();
        // Nothing outlives a run that needs it: silos and the API of this run agree, and that is all it is for.
        settings.ClusterClientSecret ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var modules = Path.Combine(root, "deploy", "local", "node_modules");
        var dataDirectory = Path.Combine(root, settings.DataDirectory, "dynamodb");
        var s3Directory = Path.Combine(root, settings.DataDirectory, "s3");
        // dynalite creates its data folder but not the folders above it; made on start, not while the model is built.
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            Directory.CreateDirectory(dataDirectory);
            Directory.CreateDirectory(s3Directory);
            return Task.CompletedTask;
        });

        // Fixed ports, not proxied: a developer's tools (and the silos' membership rows) name them directly.
        var dynamoDb = builder.AddExecutable(DynamoDb, "node", root,
                Path.Combine(modules, "dynalite", "cli.js"), "--host", "127.0.0.1", "--port", Port(settings.DynamoDbPort), "--path", dataDirectory)
            .WithHttpEndpoint(port: settings.DynamoDbPort, targetPort: settings.DynamoDbPort, isProxied: false)
            .WithHttpHealthCheck("/");
        // Loan documents and agreements; s3rver's built-in account, as with run.sh.
        var s3 = builder.AddExecutable(S3, "node", root,
                Path.Combine(modules, "s3rver", "bin", "s3rver.js"), "--address", "127.0.0.1", "--port", Port(settings.S3Port),
                "--directory", s3Directory, "--silent")
            .WithHttpEndpoint(port: settings.S3Port, targetPort: settings.S3Port, isProxied: false)
            .WithHttpHealthCheck("/");
        var mailDev = builder.AddExecutable(MailDev, "node", root,
                Path.Combine(modules, "maildev", "dist", "bin", "maildev.js"), "--ip", "127.0.0.1", "--smtp", Port(settings.SmtpPort),
                "--web-ip", "127.0.0.1", "--web", Port(settings.MailWebPort))
            .WithHttpEndpoint(port: settings.MailWebPort, targetPort: settings.MailWebPort, isProxied: false)
            .WithEndpoint(port: settings.SmtpPort, targetPort: settings.SmtpPort, scheme: "tcp", name: "smtp", isProxied: false)
            .WithHttpHealthCheck("/");

        var api = builder.AddProject<Projects.Api>(Api)
            .WithHttpEndpoint(port: settings.ApiPort)
            .WithHttpHealthCheck("/health/ready");
        var apiUrl = api.GetEndpoint("http");

        var silos = builder.AddProject<Projects.Silo>(Silo)
            .WithReplicas(settings.Silos)
            .WithPrivateLendingCluster(settings, dynamoDb)
            .WithPrivateLendingDocuments(s3)
            // Proxied although nobody connects through the proxy: only then does each replica get ports of its own.
            .WithEndpoint(scheme: "tcp", name: SiloEndpoint, env: "Cluster__SiloPort", isProxied: true, isExternal: false)
            .WithEndpoint(scheme: "tcp", name: GatewayEndpoint, env: "Cluster__GatewayPort", isProxied: true, isExternal: false)
            // Every replica serves the Orleans Dashboard (each shows the whole cluster) and /metrics; the proxy picks one.
            .WithHttpEndpoint(port: settings.DashboardPort, name: DashboardEndpoint, env: "Dashboard__Port")
            .WithEnvironment("Dashboard__Host", "127.0.0.1")
            .WithEnvironment("Mail__Enabled", "true")
            .WithEnvironment("Mail__Host", "127.0.0.1")
            .WithEnvironment("Mail__Port", mailDev.GetEndpoint("smtp").Property(EndpointProperty.Port))
            .WithEnvironment("Mail__From", "PrivateLending <no-reply@localhost.localdomain>")
            .WithEnvironment("Mail__PublicBaseUrl", ReferenceExpression.Create($"{apiUrl}/"))
            .WithEnvironment("Webhooks__AllowLoopback", "true")
            .WithHttpHealthCheck("/health/ready", endpointName: DashboardEndpoint)
            .WithReference(mailDev.GetEndpoint("http"))
            .WaitFor(dynamoDb);

        // The API finds every Active silo's gateway in the membership table, as with run.sh.
        api.WithPrivateLendingCluster(settings, dynamoDb)
            .WithPrivateLendingDocuments(s3)
            .WaitFor(silos);
        return builder;
    }

    /// <summary>
    /// What silos and the API share: Development, the cluster's identity and client secret under <c>Cluster:</c> and the local DynamoDB.
    /// Not Aspire's Orleans integration: its <c>WithReference</c> writes <c>Orleans:ClusterId</c> and
    /// <c>Orleans:Clustering</c>, which our silo refuses (those settings moved to <c>Cluster:</c>) and Orleans would read
    /// as a provider of its own; and it has no DynamoDB membership provider.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPrivateLendingCluster(
        this IResourceBuilder<ProjectResource> project, AppHostSettings settings, IResourceBuilder<ExecutableResource> dynamoDb)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(dynamoDb);
        return project
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("Cluster__Mode", "DynamoDb")
            .WithEnvironment("Cluster__ClusterId", settings.ClusterId)
            .WithEnvironment("Cluster__ServiceId", settings.ServiceId)
            .WithEnvironment("Cluster__ClientSecret", settings.ClusterClientSecret ?? "")
            .WithEnvironment("DynamoDb__ServiceUrl", dynamoDb.GetEndpoint("http"))
            .WithEnvironment("DynamoDb__Region", "us-east-1")
            .WithEnvironment("DynamoDb__AccessKey", "local")
            .WithEnvironment("DynamoDb__SecretKey", "local")
            .WithReference(dynamoDb.GetEndpoint("http"))
            .WaitFor(dynamoDb);
    }

    /// <summary>
    /// The <c>Documents:</c> settings <c>run.sh</c> gives silos (the agreement) and the API (uploads and downloads): the
    /// local S3 server's address, its built-in account and the bucket; both report S3 in their readiness.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPrivateLendingDocuments(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ExecutableResource> s3)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(s3);
        return project
            .WithEnvironment("Documents__Bucket", DocumentsBucket)
            .WithEnvironment("Documents__ServiceUrl", s3.GetEndpoint("http"))
            .WithEnvironment("Documents__AccessKey", "S3RVER")
            .WithEnvironment("Documents__SecretKey", "S3RVER")
            .WithReference(s3.GetEndpoint("http"))
            .WaitFor(s3);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
