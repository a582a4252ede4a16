using System.Text.RegularExpressions;

namespace PrivateLending.TestSupport;

/// <summary>Reads the links in the platform's mail the way a user follows them.</summary>
public static partial class MailLinks
{
    /// <summary>What the subject of a verification mail contains.</summary>
    public const string VerificationSubject = "Confirm";

    /// <summary>The token of the first link in <paramref name="text"/> that carries one, unescaped.</summary>
    public static string Token(string text) => Uri.UnescapeDataString(TokenPattern().Match(text).Groups[1].Value);

    [GeneratedRegex("token=([^\\s]+)")]
    private static partial Regex TokenPattern();
}
