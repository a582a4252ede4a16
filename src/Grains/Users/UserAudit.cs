using System.Globalization;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Users;

/// <summary>
/// The audit entries of account changes, queued in the account's own write. Password hashes and verification
/// secrets are never shown; ids are the account and the step, so a re-send is the same entry.
/// </summary>
internal static class UserAudit
{
    public static void Registered(EmailState next) =>
        Add(next, "registered", "user.registered", next.CreatedAt,
            [
                new FieldChange("email", null, next.Email),
                new FieldChange("name", null, next.Name),
                new FieldChange("roles", null, string.Join(' ', next.Roles)),
                new FieldChange("email_verified", null, "false"),
            ]);

    public static void Verified(EmailState before, EmailState next, DateTimeOffset now) =>
        Add(next, "verified", "user.email_verified", now,
            [new FieldChange("email_verified", Flag(before.EmailVerified), Flag(next.EmailVerified))]);

    public static void VerificationResent(EmailState before, EmailState next) =>
        Add(next, "resent-" + next.VerificationSentAt.UtcTicks.ToString(CultureInfo.InvariantCulture), "user.verification_resent",
            next.VerificationSentAt,
            [new FieldChange("verification_sent_at", Time(before.VerificationSentAt), Time(next.VerificationSentAt))]);

    /// <summary>An unproved account lost its address to a new registration (entry under the old account).</summary>
    public static void Replaced(EmailState before, EmailState next) =>
        next.AuditOutbox.Add(new AuditEntry($"user-{before.UserId:N}-replaced", next.CreatedAt, before.UserId, "user.replaced",
            AuditRecordTypes.User, before.UserId.ToString(), [new FieldChange("replaced_by", null, next.UserId.ToString())],
            AuditContext.Current()));

    public static void PasswordChanged(EmailState next, string how, DateTimeOffset now) =>
        Add(next, "password-" + now.UtcTicks.ToString(CultureInfo.InvariantCulture), "user.password_" + how, now,
            [new FieldChange("sessions", null, "ended")]);

    private static void Add(EmailState next, string step, string action, DateTimeOffset at, FieldChange[] changes) =>
        next.AuditOutbox.Add(new AuditEntry($"user-{next.UserId:N}-{step}", at, next.UserId, action, AuditRecordTypes.User,
            next.UserId.ToString(), [.. changes], AuditContext.Current()));

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
