using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;

namespace PrivateLending.TestSupport;

/// <summary>
/// A real local S3 server (s3rver from deploy/local) on a free loopback port, its files in a temp folder. Dispose stops
/// it and deletes them.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    /// <summary>s3rver's built-in account: any other key is refused.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private static readonly NpmFolder DeployLocal = new(RepoPaths.DeployLocal, CliPath);

    private readonly NodeToolProcess _tool = new("s3rver", CliPath);

    private S3Server(string dataDirectory) => DataDirectory = dataDirectory;

    /// <summary>s3rver's command-line entry point.</summary>
    public static string CliPath => Path.Combine(RepoPaths.DeployLocal, "node_modules", "s3rver", "bin", "s3rver.js");

    /// <summary>Where s3rver keeps buckets and objects (one folder per bucket).</summary>
    public string DataDirectory { get; }

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The API's and silo's settings for this server and <paramref name="bucket"/>.</summary>
    public Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["Documents:Bucket"] = bucket,
        ["Documents:ServiceUrl"] = ServiceUrl,
        ["Documents:AccessKey"] = AccessKey,
        ["Documents:SecretKey"] = SecretKey,
    };

    public static async Task<S3Server> StartAsync(CancellationToken cancellationToken = default)
    {
        await DeployLocal.EnsureInstalledAsync(cancellationToken);
        var data = Path.Combine(Path.GetTempPath(), "privatelending-s3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var server = new S3Server(data);
        try
        {
            await server._tool.StartAsync(
                _ =>
                {
                    server.Port = LoopbackPorts.FreePort();
                    return ["--silent", "--address", "127.0.0.1", "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--directory", data];
                },
                async token =>
                {
                    // The port differs between attempts, so each probe has its own client.
                    using var client = server.CreateClient();
                    await client.ListBucketsAsync(token);
                },
                "ListBuckets",
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every object key in <paramref name="bucket"/> (empty when the bucket does not exist).</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string bucket)
    {
        using var client = CreateClient();
        try
        {
            var keys = new List<string>();
            string? token = null;
            do
            {
                var page = await client.ListObjectsV2Async(new() { BucketName = bucket, ContinuationToken = token });
                keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (token is not null);

            return keys;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    public ValueTask DisposeAsync()
    {
        _tool.Stop();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
