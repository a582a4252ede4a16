using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// What an idempotency record keeps of a result: only what the loan cannot rebuild. A participant never changes
/// once it has answered, so an answer's receipt is its id plus the loan's status, version and figures at the
/// time; an addition's receipt is the new ids, version and figures. Full results would repeat every participant's
/// email, name and bank details per record and push a busy loan towards DynamoDB's 400 KB item limit.
/// </summary>
internal static class LoanReceipts
{
    /// <summary>The create request's key, hash and answer, kept for the loan's life (its id derives from the key).</summary>
    public static CreationRecord? Creation(CreateLoan command, LoanView view, DateTimeOffset now) =>
        command.Idempotency is { } token
            ? new CreationRecord
            {
                ActorId = command.Borrower.UserId,
                Key = token.Key,
                RequestHash = token.RequestHash,
                ResultJson = ResultCodec.Encode(view),
                RecordedAt = now,
                ExpiresAt = DateTimeOffset.MaxValue,
            }
            : null;

    /// <summary>The first answer to a retried create (same borrower and key); refused for another body or another creator.</summary>
    public static LoanView ReplayCreation(LoanState loan, CreateLoan command)
    {
        if (loan.Creation is { } created && command.Idempotency is { } token
            && created.ActorId == command.Borrower.UserId && created.Key == token.Key)
        {
            return created.RequestHash == token.RequestHash
                ? ResultCodec.Decode<LoanView>(created.ResultJson)
                : throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
        }

        throw new DomainException(DomainErrorCode.Conflict, "This loan already exists.");
    }

    public static CommandRecord Of(ParticipationResponse response) => new()
    {
        ParticipantId = response.Participant.ParticipantId,
        LoanStatus = response.LoanStatus,
        Version = response.LoanVersion,
        Funding = response.Funding,
    };

    public static CommandRecord Of(LenderAddition addition) => new()
    {
        Added = [.. addition.Added.Select(p => p.ParticipantId)],
        Version = addition.Version,
        Funding = addition.Funding,
    };

    public static ParticipationResponse Answer(LoanState loan, CommandRecord receipt) =>
        new(LoanViews.ToParticipant(loan.LoanId, Find(loan, receipt.ParticipantId ?? Guid.Empty), showAch: true),
            receipt.LoanStatus, receipt.Version, receipt.Funding);

    /// <summary>
    /// The participants as they were invited (pending, no answer yet). Their lender id and name are today's: an
    /// account linked since the first answer shows up in the replay.
    /// </summary>
    public static LenderAddition Addition(LoanState loan, CommandRecord receipt)
    {
        var added = (receipt.Added ?? []).Select(id => LoanViews.ToParticipant(loan.LoanId, Find(loan, id), showAch: false) with
        {
            Status = ParticipantStatus.Pending,
            RespondedAt = null,
            Ach = null,
        });
        return new LenderAddition(loan.LoanId, receipt.Version, [.. added], receipt.Funding);
    }

    private static ParticipantState Find(LoanState loan, Guid id) =>
        loan.Participants.Find(p => p.ParticipantId == id)
        ?? throw new InvalidOperationException("A stored receipt names a participant the loan does not have.");
}

/// <summary>An add, accept or decline applied with an idempotency key, with the receipt of its result.</summary>
[GenerateSerializer, Alias("PrivateLending.CommandRecord")]
public sealed class CommandRecord : IdempotencyRecord
{
    /// <summary>The participant that answered (accept/decline).</summary>
    [Id(0)] public Guid? ParticipantId { get; set; }

    /// <summary>The participants created (add lenders).</summary>
    [Id(1)] public List<Guid>? Added { get; set; }

    [Id(2)] public LoanStatus LoanStatus { get; set; }
    [Id(3)] public long Version { get; set; }

    /// <summary>The figures answered; always set when the receipt is made (stored with the same member names it always had).</summary>
    [Id(4)] public FundingFigures Funding { get; set; } = null!;

    /// <summary>The refused lenders of a batch add, by their place in the request.</summary>
    [Id(5)] public List<BatchFailure>? Failures { get; set; }
}

/// <summary>The loan's create request, kept for the loan's life with the whole first answer (its id derives from the key).</summary>
[GenerateSerializer, Alias("PrivateLending.CreationRecord")]
public sealed class CreationRecord : IdempotencyRecord
{
    [Id(0)] public string ResultJson { get; set; } = "";
}
