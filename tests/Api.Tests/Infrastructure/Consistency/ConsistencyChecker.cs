namespace PrivateLending.Api.Tests.Infrastructure.Consistency;

/// <summary>
/// Compares every index with the loan grains and reports each disagreement: borrower pages against the loans'
/// borrowers, lender pages (invitations by status, portfolio and its totals) against the participants addressed
/// to each account's email, the participants' account links against the accounts, and each loan's funding
/// against its own participants. Pure: the snapshot is read elsewhere (<see cref="HttpSnapshotReader"/>).
/// </summary>
public static class ConsistencyChecker
{
    private const string Pending = "PENDING";
    private const string Accepted = "ACCEPTED";
    private const string Funded = "FUNDED";

    public static IReadOnlyList<Disagreement> Check(ConsistencySnapshot snapshot)
    {
        var found = new List<Disagreement>();
        found.AddRange(snapshot.MissingLoans.Select(id => new Disagreement(DisagreementKind.LoanMissing, $"loan {id}", "named but not found")));
        CheckBorrowers(snapshot, found);
        CheckLinks(snapshot, found);
        CheckLenders(snapshot, found);
        foreach (var loan in snapshot.Loans.Values)
        {
            CheckFunding(loan, found);
        }

        return found;
    }

    private static void CheckBorrowers(ConsistencySnapshot snapshot, List<Disagreement> found)
    {
        foreach (var (borrowerId, listed) in snapshot.BorrowerListings)
        {
            var expected = snapshot.Loans.Values.Where(l => l.BorrowerId == borrowerId).Select(l => l.LoanId).ToHashSet();
            foreach (var missing in expected.Except(listed))
            {
                found.Add(new(DisagreementKind.BorrowerIndexMissing, $"borrower {borrowerId}", $"loan {missing} is not listed"));
            }

            foreach (var group in listed.GroupBy(id => id))
            {
                if (group.Count() > 1)
                {
                    found.Add(new(DisagreementKind.BorrowerIndexStray, $"borrower {borrowerId}", $"loan {group.Key} listed {group.Count()} times"));
                }

                if (snapshot.Loans.TryGetValue(group.Key, out var loan) && loan.BorrowerId != borrowerId)
                {
                    found.Add(new(DisagreementKind.BorrowerIndexStray, $"borrower {borrowerId}", $"loan {group.Key} belongs to {loan.BorrowerId}"));
                }
            }
        }
    }

    private static void CheckLinks(ConsistencySnapshot snapshot, List<Disagreement> found)
    {
        var byEmail = snapshot.Accounts.ToDictionary(a => a.Email, a => a.UserId, StringComparer.OrdinalIgnoreCase);
        foreach (var loan in snapshot.Loans.Values)
        {
            foreach (var participant in loan.Participants)
            {
                var account = byEmail.TryGetValue(participant.LenderEmail, out var id) ? id : (Guid?)null;
                // Only the accounts read are known: a link to an account outside them cannot be judged.
                if (account is { } expected && participant.LenderId != expected)
                {
                    found.Add(new(DisagreementKind.EmailLinkage, $"participant {participant.ParticipantId} of loan {loan.LoanId}",
                        $"{participant.LenderEmail} has account {expected}, participant is linked to {participant.LenderId?.ToString() ?? "none"}"));
                }
            }
        }
    }

    private static void CheckLenders(ConsistencySnapshot snapshot, List<Disagreement> found)
    {
        foreach (var account in snapshot.Accounts)
        {
            if (!snapshot.Lenders.TryGetValue(account.UserId, out var listings))
            {
                continue;
            }

            var subject = $"lender {account.Email}";
            var addressed = snapshot.Loans.Values
                .SelectMany(l => l.Participants.Where(p => string.Equals(p.LenderEmail, account.Email, StringComparison.OrdinalIgnoreCase))
                    .Select(p => (Loan: l, Participant: p)))
                .ToList();

            // A pending invitation is listed only while its loan is open; accepted and declined ones always are.
            var expected = addressed
                .Where(x => x.Participant.Status != Pending || x.Loan.Status == Pending)
                .ToDictionary(x => x.Participant.ParticipantId, x => new ListedParticipation(x.Loan.LoanId, x.Participant.ParticipantId, x.Participant.Status));
            CompareListing(subject, "invitations", expected, listings.Invitations, DisagreementKind.LenderIndexMissing, DisagreementKind.LenderIndexStray, found);

            var committed = addressed.Where(x => x.Participant.Status == Accepted && x.Loan.Status is not ("CANCELLED" or "EXPIRED")).ToList();
            var expectedPortfolio = committed.ToDictionary(
                x => x.Participant.ParticipantId, x => new ListedParticipation(x.Loan.LoanId, x.Participant.ParticipantId, Accepted));
            CompareListing(subject, "portfolio", expectedPortfolio, listings.Portfolio, DisagreementKind.PortfolioMismatch, DisagreementKind.PortfolioMismatch, found);

            var total = committed.Sum(x => x.Participant.Amount);
            if (listings.TotalCommitted != total || listings.TotalCount != committed.Count)
            {
                found.Add(new(DisagreementKind.PortfolioMismatch, subject,
                    $"portfolio totals say {listings.TotalCommitted} over {listings.TotalCount}, loans say {total} over {committed.Count}"));
            }
        }
    }

    private static void CompareListing(
        string subject, string listing, Dictionary<Guid, ListedParticipation> expected, IReadOnlyList<ListedParticipation> listed,
        DisagreementKind missingKind, DisagreementKind strayKind, List<Disagreement> found)
    {
        foreach (var group in listed.GroupBy(i => i.ParticipantId))
        {
            var item = group.First();
            if (group.Count() > 1)
            {
                found.Add(new(strayKind, subject, $"{listing} list participant {item.ParticipantId} {group.Count()} times"));
            }

            if (!expected.TryGetValue(item.ParticipantId, out var truth))
            {
                found.Add(new(strayKind, subject, $"{listing} list participant {item.ParticipantId} of loan {item.LoanId} ({item.Status}), which the loans do not address to this lender"));
            }
            else if (truth != item)
            {
                found.Add(new(strayKind, subject, $"{listing} list participant {item.ParticipantId} as {item.Status} on loan {item.LoanId}, the loan says {truth.Status} on {truth.LoanId}"));
            }
        }

        var listedIds = listed.Select(i => i.ParticipantId).ToHashSet();
        foreach (var missing in expected.Values.Where(e => !listedIds.Contains(e.ParticipantId)))
        {
            found.Add(new(missingKind, subject, $"{listing} leave out participant {missing.ParticipantId} ({missing.Status}) of loan {missing.LoanId}"));
        }
    }

    private static void CheckFunding(LoanRecord loan, List<Disagreement> found)
    {
        var accepted = loan.Participants.Where(p => p.Status == Accepted).Sum(p => p.Amount);
        var subject = $"loan {loan.LoanId}";
        if (accepted > loan.Amount || loan.TotalFunded > loan.Amount)
        {
            found.Add(new(DisagreementKind.OverFunded, subject, $"accepted {accepted}, total_funded {loan.TotalFunded} of {loan.Amount}"));
        }

        if (loan.TotalFunded != accepted)
        {
            found.Add(new(DisagreementKind.FundingMismatch, subject, $"total_funded {loan.TotalFunded}, accepted participants {accepted}"));
        }

        if (loan.Status is Pending or Funded && (loan.Status == Funded) != (accepted == loan.Amount))
        {
            found.Add(new(DisagreementKind.FundingMismatch, subject, $"status {loan.Status} with {accepted} of {loan.Amount} accepted"));
        }
    }
}
