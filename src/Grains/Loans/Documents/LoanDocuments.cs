using System.Collections.Immutable;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans.Documents;

/// <summary>
/// The rules of a loan's documents: who reads (the borrower, and participants whose account is verified and who have
/// not declined), who uploads and deletes (the borrower), and how many a loan keeps.
/// </summary>
internal static class LoanDocuments
{
    /// <summary>Every document record a loan keeps, deleted ones included (each ~300 bytes of the loan's one item).</summary>
    public const int MaxRecords = 200;

    public static bool CanRead(LoanState loan, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!loan.Exists)
        {
            return false;
        }

        if (actor.UserId == loan.BorrowerId)
        {
            return true;
        }

        var email = actor.EmailVerified && !string.IsNullOrWhiteSpace(actor.Email) ? EmailAddress.Normalize(actor.Email) : null;
        return loan.Participants.Exists(p => p.Status != ParticipantStatus.Declined
            && (p.LenderId == actor.UserId || (email is not null && p.NormalizedEmail == email)));
    }

    /// <summary>The borrower may add one more: Forbidden for a reader, NotFound for anyone else, Conflict when full.</summary>
    public static void RequireUploader(LoanState loan, Actor actor)
    {
        RequireBorrower(loan, actor);
        if (loan.Documents.Count(d => d.DeletedAt is null && d.Kind != DocumentKind.Agreement) >= DocumentLimits.MaxLiveDocuments)
        {
            throw new DomainException(DomainErrorCode.Conflict,
                $"The loan already has {DocumentLimits.MaxLiveDocuments} documents; delete one first.");
        }

        if (loan.Documents.Count >= MaxRecords)
        {
            throw new DomainException(DomainErrorCode.Conflict, "The loan keeps no more document records.");
        }
    }

    public static DocumentView Add(LoanState loan, AddDocument command, DateTimeOffset now, List<LoanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireUploader(loan, command.Actor);
        if (command.Kind == DocumentKind.Agreement)
        {
            throw DomainException.Invalid("kind", "The agreement is written by the system.");
        }

        var document = new DocumentState
        {
            DocumentId = command.DocumentId,
            Kind = command.Kind,
            Title = command.Title,
            FileName = command.FileName,
            ContentType = command.ContentType,
            SizeBytes = command.SizeBytes,
            Sha256 = command.Sha256,
            UploadedAt = now,
            UploadedBy = command.Actor.UserId,
            ObjectKey = command.ObjectKey,
        };
        loan.Documents.Add(document);
        Touch(loan, command.Actor.UserId, now);
        changes.Add(new DocumentUploaded(document.DocumentId));
        return ToView(loan, document);
    }

    /// <summary>Marks the document deleted; false (no write) when it already is.</summary>
    public static bool Delete(LoanState loan, DeleteDocument command, DateTimeOffset now, List<LoanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireBorrower(loan, command.Actor);
        var index = loan.Documents.FindIndex(d => d.DocumentId == command.DocumentId);
        if (index < 0)
        {
            throw new DomainException(DomainErrorCode.NotFound, "Document not found.");
        }

        var document = loan.Documents[index];
        if (document.Kind == DocumentKind.Agreement)
        {
            throw new DomainException(DomainErrorCode.Forbidden, "The loan agreement cannot be deleted.");
        }

        if (document.DeletedAt is not null)
        {
            return false;
        }

        var deleted = document.Clone();
        deleted.DeletedAt = now;
        deleted.DeletedBy = command.Actor.UserId;
        loan.Documents[index] = deleted;
        Touch(loan, command.Actor.UserId, now);
        changes.Add(new DocumentDeleted(document.DocumentId));
        return true;
    }

    /// <summary>
    /// Live documents oldest first. The cursor is a position in the list of every record (append-only; a deletion marks
    /// its record in place), so deleting between pages never skips or repeats one.
    /// </summary>
    public static Page<DocumentView> Page(LoanState loan, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var errors = new FieldErrors();
        PagingLimits.Limit.Check(errors, "limit", page.Limit);
        var start = 0;
        errors.When(page.After is not null && (!int.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out start)
            || start > loan.Documents.Count), "next_token", "Is not a token this list gave.");
        errors.ThrowIfAny();
        var items = ImmutableArray.CreateBuilder<DocumentView>();
        var position = start;
        for (; position < loan.Documents.Count && items.Count < page.Limit; position++)
        {
            if (loan.Documents[position].DeletedAt is null)
            {
                items.Add(ToView(loan, loan.Documents[position]));
            }
        }

        var more = loan.Documents.Skip(position).Any(d => d.DeletedAt is null);
        return new Page<DocumentView>(items.ToImmutable(), more, more ? position.ToString(CultureInfo.InvariantCulture) : null);
    }

    public static DocumentView? Find(LoanState loan, Guid documentId) =>
        loan.Documents.Find(d => d.DocumentId == documentId && d.DeletedAt is null) is { } d ? ToView(loan, d) : null;

    public static DocumentView ToView(LoanState loan, DocumentState d) => new(
        d.DocumentId, loan.LoanId, d.Kind, d.Title, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedAt, d.UploadedBy,
        d.ObjectKey, d.Version);

    private static void RequireBorrower(LoanState loan, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (loan.Exists && actor.UserId == loan.BorrowerId)
        {
            return;
        }

        throw CanRead(loan, actor)
            ? new DomainException(DomainErrorCode.Forbidden, "Only the borrower manages the loan's documents.")
            : new DomainException(DomainErrorCode.NotFound, "Loan not found.");
    }

    internal static void Touch(LoanState loan, Guid by, DateTimeOffset now)
    {
        loan.Version++;
        loan.UpdatedAt = now;
        loan.UpdatedBy = by;
    }
}
