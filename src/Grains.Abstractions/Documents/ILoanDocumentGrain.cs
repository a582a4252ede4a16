using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>
/// A loan's documents: the same grain as the loan (one activation per loan). The borrower uploads and deletes; the
/// borrower and the loan's verified participants read; anyone else gets NotFound or null, so no loan leaks.
/// </summary>
public interface ILoanDocumentGrain : IGrainWithGuidKey
{
    /// <summary>Refuses early (before any byte is stored) what <see cref="AddDocumentAsync"/> would refuse now.</summary>
    [AlwaysInterleave]
    Task CheckUploadAsync(Actor actor);

    /// <summary>Records an uploaded document (borrower only; at most <see cref="DocumentLimits.MaxLiveDocuments"/> live).</summary>
    Task<DocumentView> AddDocumentAsync(AddDocument command);

    /// <summary>Soft-deletes an uploaded document (borrower only); the agreement cannot be deleted. Deleting again is a no-op.</summary>
    Task<DocumentView> DeleteDocumentAsync(DeleteDocument command);

    /// <summary>The live documents, oldest first; null when the actor may not read them.</summary>
    [AlwaysInterleave]
    Task<Page<DocumentView>?> GetDocumentsAsync(Actor actor, PageRequest page);

    /// <summary>One live document; null when it does not exist, is deleted, or the actor may not read it.</summary>
    [AlwaysInterleave]
    Task<DocumentView?> GetDocumentAsync(Actor actor, Guid documentId);
}
