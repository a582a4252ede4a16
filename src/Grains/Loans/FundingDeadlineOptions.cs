using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Loans;

/// <summary>How long loans stay open for funding (configuration section <see cref="Section"/>).</summary>
public sealed class FundingDeadlineOptions
{
    public const string Section = "FundingDeadline";

    /// <summary>Days a loan stays open when its create request gives no deadline (at most <see cref="MaxDays"/>).</summary>
    public int DefaultDays { get; set; } = LoanLimits.DefaultFundingDays;

    /// <summary>The furthest deadline a create request may set, in days from the request; at most <see cref="LoanLimits.MaxFundingDays"/>.</summary>
    public int MaxDays { get; set; } = LoanLimits.MaxFundingDays;

    /// <summary>
    /// How often the durable reminder ticks again after the deadline until the expiry is stored. Its first tick is
    /// the deadline itself; later ticks only matter after a failed write or a silo death. At least the cluster's
    /// minimum reminder period (1 minute unless configured lower).
    /// </summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
