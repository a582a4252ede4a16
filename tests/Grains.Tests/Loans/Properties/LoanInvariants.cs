using System.Globalization;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using static PrivateLending.Grains.Tests.Loans.Properties.LoanPropertyTests;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>What must hold after every step: the stored loan equals the model, the figures are the model's, and the invariants.</summary>
internal static class LoanInvariants
{
    public static void Verify(LoanHarness harness, LoanModel model)
    {
        var loan = harness.Current;
        Check(loan.Exists == model.Exists, $"exists={loan.Exists}, the model says {model.Exists}");
        if (!loan.Exists)
        {
            return;
        }

        Check(loan.Status == model.Status, $"status {loan.Status}, the model says {model.Status}");
        Check(loan.Version == model.Version, $"version {loan.Version}, the model says {model.Version}");
        Check((loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose) == (model.Amount, model.Rate, model.Term, model.Purpose),
            $"terms {loan.Amount}/{loan.InterestRate}/{loan.TermMonths}/{loan.Purpose}, the model says {model.Amount}/{model.Rate}/{model.Term}/{model.Purpose}");
        VerifyParticipants(loan, model);
        VerifyFigures(loan, model);
        VerifyRecords(harness, model);
        VerifyOutbox(loan);
    }

    private static void VerifyParticipants(LoanState loan, LoanModel model)
    {
        Check(loan.Participants.Count == model.Participants.Count, $"{loan.Participants.Count} participants, the model has {model.Participants.Count}");
        for (var i = 0; i < loan.Participants.Count; i++)
        {
            var (p, m) = (loan.Participants[i], model.Participants[i]);
            Check(LoanModel.IsPoolEmail(p.NormalizedEmail), $"participant {i} has email {p.NormalizedEmail}, not a pool lender's");
            Check(p.NormalizedEmail == m.Email && p.ContributionAmount == m.Amount && p.Status == m.Status,
                $"participant {i} is {p.NormalizedEmail} {p.ContributionAmount} {p.Status}, the model has {m.Email} {m.Amount} {m.Status}");
            Check((p.LenderId is not null) == m.Linked, $"participant {i} lender id {p.LenderId}, the model says linked={m.Linked}");
            Check(p.AcceptedVersion == m.AcceptedVersion, $"participant {i} accepted version {p.AcceptedVersion}, the model says {m.AcceptedVersion}");
        }

        var live = loan.Participants.Where(p => p.Status != ParticipantStatus.Declined).Select(p => p.NormalizedEmail).ToList();
        Check(live.Distinct().Count() == live.Count, "an email is invited twice (not declined) on the same loan");
    }

    private static void VerifyFigures(LoanState loan, LoanModel model)
    {
        var f = LoanViews.Figures(loan);
        var live = model.Participants.Where(p => p.Status != ParticipantStatus.Declined).ToList();
        Check(f.TotalInvited == model.Invited, $"total_invited {f.TotalInvited}, the model says {model.Invited}");
        Check(f.TotalFunded == model.Funded, $"total_funded {f.TotalFunded}, the model says {model.Funded}");
        Check(f.FundingPercentage == model.Percentage, $"funding_percentage {f.FundingPercentage}, the model says {model.Percentage}");
        Check(f.ParticipantCount == model.Participants.Count, $"participant_count {f.ParticipantCount}");
        Check(f.AcceptedParticipantCount == live.Count(p => p.Status == ParticipantStatus.Accepted), $"accepted count {f.AcceptedParticipantCount}");
        Check(f.PendingParticipantCount == live.Count(p => p.Status == ParticipantStatus.Pending), $"pending count {f.PendingParticipantCount}");
        Check(f.AverageContribution == (live.Count == 0 ? null : Math.Round(live.Sum(p => p.Amount) / live.Count, 2, MidpointRounding.AwayFromZero)),
            $"average {f.AverageContribution}");
        Check(f.LargestContribution == (live.Count == 0 ? null : live.Max(p => p.Amount)), $"largest {f.LargestContribution}");
        Check(f.SmallestContribution == (live.Count == 0 ? null : live.Min(p => p.Amount)), $"smallest {f.SmallestContribution}");

        // The invariants, stated on their own.
        Check(f.TotalFunded <= f.TotalInvited && f.TotalInvited <= loan.Amount, $"over-funded: invited {f.TotalInvited}, funded {f.TotalFunded}, amount {loan.Amount}");
        Check(f.FundingPercentage is >= 0 and <= 100, $"percentage {f.FundingPercentage} out of 0..100");
        var funded = loan.Status is LoanStatus.Funded or LoanStatus.Active or LoanStatus.Completed or LoanStatus.Defaulted;
        Check((f.TotalFunded == loan.Amount) == funded && f.IsFullyFunded == funded,
            $"funded {f.TotalFunded} of {loan.Amount} but status {loan.Status} (is_fully_funded {f.IsFullyFunded})");
        Check((f.FundingPercentage == 100) == funded, $"percentage {f.FundingPercentage} with status {loan.Status}");
    }

    private static void VerifyRecords(LoanHarness harness, LoanModel model)
    {
        var history = harness.History.ToList();
        Check(history.Select(h => h.Version).Distinct().SequenceEqual(Enumerable.Range(1, (int)model.Version).Select(v => (long)v))
            && history.Zip(history.Skip(1)).All(pair => pair.First.Version <= pair.Second.Version),
            $"history versions [{string.Join(",", history.Select(h => h.Version))}], expected 1..{model.Version} in order, records for every version");
        var actions = history.Select(h => (h.Version, h.Action)).ToList();
        Check(actions.SequenceEqual(model.History),
            $"history actions [{string.Join(", ", actions.Select(a => $"v{a.Version} {a.Action}"))}], the model says [{string.Join(", ", model.History.Select(a => $"v{a.Version} {a.Action}"))}]");
        Check(harness.Current.History.Count <= 50 && harness.Current.Funding.Count <= 50, "a working set of records grew past 50 entries");

        var funding = harness.Funding.Select(p => new ModelPoint(p.Version, p.TotalInvited, p.TotalFunded, p.FundingPercentage, p.PendingCount, p.AcceptedCount, p.DeclinedCount)).ToList();
        Check(funding.SequenceEqual(model.Funding),
            $"funding series [{string.Join("; ", funding.Select(Point))}], the model says [{string.Join("; ", model.Funding.Select(Point))}]");
    }

    private static void VerifyOutbox(LoanState loan)
    {
        // Nothing is delivered here, so every update the loan ever queued is still waiting, newest per participant.
        Check(loan.Outbox.OfType<BorrowerIndexMessage>().Count() == 1, "the borrower index update is missing or doubled");
        Check(loan.Outbox.Select(u => u.Seq).Distinct().Count() == loan.Outbox.Count && loan.Outbox.All(u => u.Seq < loan.NextOutboxSeq), "outbox sequence numbers repeat");
        foreach (var p in loan.Participants)
        {
            var updates = loan.Outbox.OfType<LenderIndexMessage>().Where(u => u.ParticipantId == p.ParticipantId).ToList();
            Check(updates.Count == 1, $"participant {p.NormalizedEmail} has {updates.Count} lender index updates queued, expected 1");
            var u = updates[0];
            Check(u.NormalizedEmail == p.NormalizedEmail && u.Status == p.Status && u.ContributionAmount == p.ContributionAmount && u.LoanVersion <= loan.Version,
                $"the lender index update of {p.NormalizedEmail} says {u.Status} {u.ContributionAmount} v{u.LoanVersion}, the participant is {p.Status} {p.ContributionAmount} at v{loan.Version}");
            if (loan.Status is LoanStatus.Cancelled or LoanStatus.Expired)
            {
                Check(u.LoanStatus == loan.Status, $"the lender index of {p.NormalizedEmail} is not told the loan is {loan.Status}");
            }
        }
    }

    private static string Point(ModelPoint p) =>
        string.Create(CultureInfo.InvariantCulture, $"v{p.Version} {p.Invited}/{p.Funded} {p.Percentage}% {p.Pending}p{p.Accepted}a{p.Declined}d");
}
