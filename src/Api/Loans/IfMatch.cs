using System.Globalization;

namespace PrivateLending.Api.Loans;

/// <summary>
/// Reads the loan version a client expects from <c>If-Match</c>. Accepts the entity tag we send (<c>"3"</c>),
/// its weak form and a bare number, since the contract documents <c>If-Match: &lt;version&gt;</c>.
/// </summary>
internal static class IfMatch
{
    public enum Outcome
    {
        Missing,
        Invalid,
        Valid,
    }

    public static Outcome TryRead(HttpRequest request, out long version)
    {
        version = 0;
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0)
        {
            return Outcome.Missing;
        }

        if (raw.StartsWith("W/", StringComparison.Ordinal))
        {
            raw = raw[2..];
        }

        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            raw = raw[1..^1];
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version >= 0
            ? Outcome.Valid
            : Outcome.Invalid;
    }
}
