using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Documents;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's documents: metadata kept with the loan, through the same command path and write step as every other
/// command (the bytes are stored by the API before <see cref="AddDocumentAsync"/>, and removed by it if this refuses).
/// </summary>
public sealed partial class LoanGrain
{
    public Task CheckUploadAsync(Actor actor)
    {
        LoanDocuments.RequireUploader(_current, actor);
        return Task.CompletedTask;
    }

    public Task<DocumentView> AddDocumentAsync(AddDocument command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(() => AddDocumentAloneAsync(command));
    }

    public Task<DocumentView> DeleteDocumentAsync(DeleteDocument command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExclusiveAsync(() => DeleteDocumentAloneAsync(command));
    }

    public Task WriteAgreementAsync(int version) => ExclusiveAsync(() => WriteAgreementAloneAsync(version));

    private async Task<DocumentView> AddDocumentAloneAsync(AddDocument command)
    {
        DocumentView? added = null;
        await CommandAsync(command.Actor, loan => LoanDocuments.RequireUploader(loan, command.Actor),
            (loan, now, changes) => added = LoanDocuments.Add(loan, command, now, changes));
        return added!;
    }

    private async Task<DocumentView> DeleteDocumentAloneAsync(DeleteDocument command)
    {
        await CommandAsync(command.Actor, _ => { },
            (loan, now, changes) => LoanDocuments.Delete(loan, command, now, changes));
        var document = _current.Documents.First(d => d.DocumentId == command.DocumentId);
        return LoanDocuments.ToView(_current, document);
    }

    public Task<Page<DocumentView>?> GetDocumentsAsync(Actor actor, PageRequest page)
    {
        var loan = _current;
        return Task.FromResult(LoanDocuments.CanRead(loan, actor) ? LoanDocuments.Page(loan, page) : null);
    }

    public Task<DocumentView?> GetDocumentAsync(Actor actor, Guid documentId)
    {
        var loan = _current;
        return Task.FromResult(LoanDocuments.CanRead(loan, actor) ? LoanDocuments.Find(loan, documentId) : null);
    }

    private async Task WriteAgreementAloneAsync(int version)
    {
        if (_documents is null || !_current.Outbox.OfType<Outbox.AgreementMessage>().Any(m => m.AgreementVersion == version))
        {
            return; // written and recorded already (a retry queued behind the write that recorded it)
        }

        if (LoanAgreements.IsRecorded(_current, version))
        {
            LoanAgreements.Done(_current, version);
            return;
        }

        var pdf = AgreementPdf.Render(_current, version);
        using (var content = new MemoryStream(pdf, writable: false))
        {
            // Before the record: a crash between the two leaves the message, whose retry writes the same key again.
            await _documents.PutAsync(LoanAgreements.Key(_current.LoanId, version), content, "application/pdf");
        }

        var next = _current.Clone();
        var changes = new List<LoanChange>();
        LoanAgreements.Record(next, version, pdf, clock.GetUtcNow(), changes);
        await CommitAsync(next, changes);
        await _outbox.DeliverAsync();
    }
}
