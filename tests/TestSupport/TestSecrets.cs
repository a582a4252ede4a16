namespace PrivateLending.TestSupport;

/// <summary>Fixed secrets for test hosts, so silos and APIs started by different fixtures agree.</summary>
public static class TestSecrets
{
    /// <summary><c>Security:EmailKeySecret</c> for every silo and API a test starts (32 bytes, base64).</summary>
    public const string EmailKeySecret = "dGVzdHMtb25seS1lbWFpbC1rZXktc2VjcmV0LTAxMjM0NTY=";

    /// <summary><c>Cluster:ClientSecret</c> for every silo and API a test starts (at least 32 characters).</summary>
    public const string ClusterClientSecret = "tests-only-cluster-client-secret-0123456789";
}
