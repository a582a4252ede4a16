namespace PrivateLending.Hosting.Documents;

/// <summary>
/// The <c>Documents</c> section: where document bytes live. Without a <see cref="Bucket"/> documents are switched
/// off (their routes answer 503 and readiness does not look at S3); production sets the bucket and leaves the rest
/// to the standard AWS chain (region and credentials from the environment or the instance role).
/// </summary>
public sealed class DocumentStorageSettings
{
    public const string Section = "Documents";

    /// <summary>The S3 bucket; null or empty switches documents off.</summary>
    public string? Bucket { get; set; }

    /// <summary>A custom endpoint (the local S3 server); requests then use path-style addressing.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region requests are signed for (AWS: also where the bucket is).</summary>
    public string? Region { get; set; }

    /// <summary>Static credentials for a local server; empty uses the standard AWS chain.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Create the bucket on first use when it is missing (local servers; production buckets are made by infrastructure).</summary>
    public bool CreateBucket { get; set; } = true;

    /// <summary>The largest file a user may upload, in bytes.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Uploads a user may start per minute.</summary>
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>How long one S3 request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Bucket);
}
