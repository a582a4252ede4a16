using System.Collections.Concurrent;
using System.Net;
using PrivateLending.Api.Tests.Infrastructure.Consistency;

namespace PrivateLending.Api.Tests.EndToEnd.Chaos;

/// <summary>
/// One HTTP request of the load and how it ended (<see cref="Status"/> is null when no answer came), and when it was
/// sent and answered, counted from the start of the load.
/// </summary>
public sealed record RequestRecord(
    string Operation, int Attempt, HttpStatusCode? Status, string? Code, bool HasRetryAfter, string? Failure, TimeSpan SentAt, TimeSpan AnsweredAt);

/// <summary>
/// Every request the chaos load sent and every effect the system acknowledged (a 2xx): the loans created, the
/// participants added and the answers given. <see cref="FindLost"/> checks each acknowledged effect against the
/// loan grains afterwards.
/// </summary>
public sealed class OperationLedger
{
    private readonly ConcurrentQueue<RequestRecord> _requests = new();
    private readonly ConcurrentDictionary<Guid, (Guid BorrowerId, decimal Amount, string Token)> _loans = new();
    private readonly ConcurrentDictionary<Guid, (Guid LoanId, string Email, decimal Amount)> _participants = new();
    private readonly ConcurrentDictionary<Guid, string> _answers = new();
    private int _operations;
    private int _acknowledged;

    public IReadOnlyCollection<RequestRecord> Requests => _requests;

    /// <summary>Operations sent (each may take several requests when retried).</summary>
    public int Operations => _operations;

    /// <summary>Operations that ended in a 2xx.</summary>
    public int Acknowledged => _acknowledged;

    /// <summary>Acknowledged loans with the token of their borrower, for reading them back.</summary>
    public IReadOnlyDictionary<Guid, string> Loans => _loans.ToDictionary(l => l.Key, l => l.Value.Token);

    public int LoanCount => _loans.Count;

    public void Sent() => Interlocked.Increment(ref _operations);

    public void Record(RequestRecord request) => _requests.Enqueue(request);

    public void AcknowledgedOperation() => Interlocked.Increment(ref _acknowledged);

    public void LoanCreated(Guid loanId, Guid borrowerId, decimal amount, string token) => _loans[loanId] = (borrowerId, amount, token);

    public void ParticipantAdded(Guid loanId, Guid participantId, string email, decimal amount) => _participants[participantId] = (loanId, email, amount);

    /// <summary>An acknowledged accept (ACCEPTED) or decline (DECLINED).</summary>
    public void Answered(Guid participantId, string status) => _answers[participantId] = status;

    /// <summary>Every acknowledged effect the loan grains do not show.</summary>
    public IReadOnlyList<string> FindLost(ConsistencySnapshot snapshot)
    {
        var lost = new List<string>();
        foreach (var (loanId, (borrowerId, amount, _)) in _loans)
        {
            if (!snapshot.Loans.TryGetValue(loanId, out var loan))
            {
                lost.Add($"loan {loanId}: created, not found");
            }
            else if (loan.BorrowerId != borrowerId || loan.Amount != amount)
            {
                lost.Add($"loan {loanId}: created by {borrowerId} for {amount}, reads {loan.BorrowerId} for {loan.Amount}");
            }
        }

        foreach (var (participantId, (loanId, email, amount)) in _participants)
        {
            var participant = snapshot.Loans.TryGetValue(loanId, out var loan)
                ? loan.Participants.FirstOrDefault(p => p.ParticipantId == participantId)
                : null;
            if (participant is null)
            {
                lost.Add($"participant {participantId} of loan {loanId}: added, not found");
                continue;
            }

            if (!string.Equals(participant.LenderEmail, email, StringComparison.OrdinalIgnoreCase) || participant.Amount != amount)
            {
                lost.Add($"participant {participantId}: added as {email} {amount}, reads {participant.LenderEmail} {participant.Amount}");
            }

            if (_answers.TryGetValue(participantId, out var answer) && participant.Status != answer)
            {
                lost.Add($"participant {participantId}: answered {answer}, reads {participant.Status}");
            }
        }

        return lost;
    }
}
