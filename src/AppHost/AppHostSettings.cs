namespace PrivateLending.AppHost;

/// <summary>
/// The <c>AppHost</c> section: how many silos and where the local stores listen. The defaults are <c>run.sh</c>'s,
/// so a developer finds the same addresses whichever way the system was started (not both at once).
/// </summary>
public sealed class AppHostSettings
{
    public const string Section = "AppHost";

    /// <summary>Silo replicas; each gets its own silo, gateway and dashboard port from the orchestrator.</summary>
    public int Silos { get; set; } = 2;

    public int DynamoDbPort { get; set; } = 8000;

    /// <summary>The local S3 server (s3rver) for loan documents and agreements.</summary>
    public int S3Port { get; set; } = 4569;

    public int ApiPort { get; set; } = 5000;

    /// <summary>The silos' Orleans Dashboard and <c>/metrics</c>, one address spread over the replicas.</summary>
    public int DashboardPort { get; set; } = 8080;

    public int SmtpPort { get; set; } = 1025;

    public int MailWebPort { get; set; } = 1080;

    /// <summary>
    /// Where the local DynamoDB and S3 keep their data (<c>dynamodb</c>, <c>s3</c> under it), from the repository root;
    /// apart from <c>run.sh</c>'s <c>.data/</c>, whose accounts are keyed with its own secret.
    /// </summary>
    public string DataDirectory { get; set; } = ".data/apphost";

    public string ClusterId { get; set; } = "privatelending";

    public string ServiceId { get; set; } = "privatelending";

    /// <summary>The cluster's client secret (<c>Cluster:ClientSecret</c> of the silos and the API); made afresh for each run when not set.</summary>
    public string? ClusterClientSecret { get; set; }

    /// <summary>Refuses values that would start nothing useful, naming the setting.</summary>
    public void Validate()
    {
        if (Silos is < 1 or > 99)
        {
            throw new InvalidOperationException($"AppHost:Silos must be from 1 to 99 (got {Silos}).");
        }

        foreach (var (name, port) in new[] { (nameof(DynamoDbPort), DynamoDbPort), (nameof(S3Port), S3Port), (nameof(ApiPort), ApiPort), (nameof(DashboardPort), DashboardPort), (nameof(SmtpPort), SmtpPort), (nameof(MailWebPort), MailWebPort) })
        {
            if (port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"AppHost:{name} must be a port from 1 to 65535 (got {port}).");
            }
        }
    }
}
