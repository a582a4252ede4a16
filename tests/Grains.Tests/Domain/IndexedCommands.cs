using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>
/// The loan commands followed by the index projection of the changes they return (as the grain's write step does),
/// so a test can state which index updates and mails a command leaves in the outbox.
/// </summary>
internal static class IndexedCommands
{
    public static LoanView Create(LoanState loan, Guid loanId, CreateLoan command, DateTimeOffset now) =>
        Indexed(loan, changes => LoanCommands.Create(loan, loanId, command, now, changes));

    public static LenderAddition AddLenders(LoanState loan, AddLenders command, DateTimeOffset now) =>
        Indexed(loan, changes => LoanCommands.AddLenders(loan, command, now, changes));

    public static ParticipationResponse Respond(LoanState loan, RespondToInvitation command, bool accept, DateTimeOffset now) =>
        Indexed(loan, changes => LoanCommands.Respond(loan, command, accept, now, changes));

    public static bool UpdateTerms(LoanState loan, UpdateLoanTerms command, DateTimeOffset now) =>
        Indexed(loan, changes => LoanCommands.UpdateTerms(loan, command, now, changes));

    public static bool Cancel(LoanState loan, CancelLoan command, DateTimeOffset now) =>
        Indexed(loan, changes =>
        {
            LoanCommands.Cancel(loan, command, now, changes);
            return true;
        });

    public static bool Link(LoanState loan, LinkLender command, DateTimeOffset now) =>
        Indexed(loan, changes => LoanCommands.Link(loan, command, now, changes));

    public static bool Expire(LoanState loan, DateTimeOffset now) =>
        Indexed(loan, changes => FundingDeadlines.Expire(loan, now, changes));

    private static T Indexed<T>(LoanState loan, Func<List<LoanChange>, T> command)
    {
        var changes = new List<LoanChange>();
        var result = command(changes);
        IndexProjection.Enqueue(loan, changes);
        return result;
    }
}
