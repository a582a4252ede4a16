using System.Diagnostics.Metrics;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// Mail handed to the mail server, counted where every grain's outbox sends (<see cref="MailOutbox"/>), tagged
/// <c>kind</c>: <see cref="LoanKind"/> (invitations and other news about a loan) or <see cref="AccountKind"/>
/// (address verification). The silo exports the meter by <see cref="MeterName"/>.
/// </summary>
public static class MailMetrics
{
    public const string MeterName = "PrivateLending.Mail";

    /// <summary>Mail about a loan, sent by the invitation mail grain.</summary>
    public const string LoanKind = "loan";

    /// <summary>Mail about an account, sent by the account grain.</summary>
    public const string AccountKind = "account";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Mails the server accepted.</summary>
    public static Counter<long> Sent { get; } =
        Meter.CreateCounter<long>("privatelending.mail.sent", "{mail}", "Mails the mail server accepted, by kind.");

    /// <summary>Attempts the server refused or that failed to reach it (each is retried later).</summary>
    public static Counter<long> Failed { get; } =
        Meter.CreateCounter<long>("privatelending.mail.failed", "{attempt}", "Mail attempts that failed (refused, unreachable, timed out), by kind; each is retried.");
}
