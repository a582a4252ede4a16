using Orleans;

namespace PrivateLending.Clustering;

/// <summary>How to reach DynamoDB: the endpoint, region and credentials shared with the grain storage (section <c>DynamoDb</c>).</summary>
public class DynamoDbConnectionOptions
{
    /// <summary>Endpoint override, e.g. <c>http://127.0.0.1:8000</c> for a local dynalite. Null: the AWS endpoint of <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region. Null: the standard AWS region chain.</summary>
    public string? Region { get; set; }

    /// <summary>Access key id. Null (together with <see cref="SecretKey"/>): the standard AWS credential chain.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key; never logged.</summary>
    [Redact]
    public string? SecretKey { get; set; }

    /// <summary>Create the table at start-up when it does not exist. When false a missing table stops the process.</summary>
    public bool CreateTableIfNotExists { get; set; } = true;

    /// <summary>Time-out of one HTTP request to DynamoDB.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits for a table being created to serve requests.</summary>
    public TimeSpan TableReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
