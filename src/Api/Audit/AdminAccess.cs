using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Audit;

/// <summary>Who holds the admin role (section <c>Auth</c>): nobody can register into it.</summary>
public sealed class AdminSettings
{
    public const string Section = "Auth";

    /// <summary>Emails granted the admin role once verified (setting <c>Auth:AdminEmails</c>); compared normalised.</summary>
    public string[] AdminEmails { get; set; } = [];
}

/// <summary>
/// Checks the admin role on each request rather than trusting a token claim, so removing an email from the
/// setting takes effect at once. The email must be verified: whoever registers an admin's address first without
/// owning it never passes.
/// </summary>
internal sealed class AdminAccess(IOptionsMonitor<AdminSettings> settings)
{
    public bool IsAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.EmailVerified
            && settings.CurrentValue.AdminEmails.Any(e => !string.IsNullOrWhiteSpace(e) && EmailAddress.Normalize(e) == caller.NormalizedEmail);
    }

    /// <summary>403 FORBIDDEN unless the caller is an admin.</summary>
    public void Require(Caller caller)
    {
        if (!IsAdmin(caller))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "The audit log is open to administrators only.");
        }
    }
}
