namespace PrivateLending.Grains.Mail;

/// <summary>Where links in mail point (the <c>Mail</c> settings section): the public address of the web app and API.</summary>
public sealed class MailLinkOptions
{
    /// <summary>Public base URL of the API host, e.g. https://lending.example.com/.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5000/");
}
