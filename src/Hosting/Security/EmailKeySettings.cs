namespace PrivateLending.Hosting.Security;

/// <summary>The <c>Security</c> configuration section, as far as email keys go (see <see cref="Grains.Abstractions.Users.EmailKeys"/>).</summary>
public sealed class EmailKeySettings
{
    public const string Section = "Security";

    /// <summary>
    /// Base64 secret of at least 32 bytes keying email addresses into grain ids and storage keys; every silo and API
    /// instance of a deployment shares it. Required outside Development; changing it orphans every account.
    /// </summary>
    public string? EmailKeySecret { get; set; }
}
