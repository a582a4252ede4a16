using System.Globalization;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Documents;

namespace PrivateLending.Grains.Loans.Changes;

// Documents concern every lender still in (they may read them). Live consumers see them as updates.

/// <summary>The borrower uploaded a document; its bytes were stored before this change was.</summary>
internal sealed record DocumentUploaded(Guid DocumentId) : LoanChange
{
    public override string Name => LoanEvents.DocumentUploaded;

    public override bool ConcernsLenders => true;

    public override bool OnlyForLendersStillIn => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields) => DocumentFields.Add(after, DocumentId, fields);
}

/// <summary>The borrower deleted a document: it leaves lists and content, its record stays.</summary>
internal sealed record DocumentDeleted(Guid DocumentId) : LoanChange
{
    public override string Name => LoanEvents.DocumentDeleted;

    public override bool ConcernsLenders => true;

    public override bool OnlyForLendersStillIn => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        var document = after.Documents.First(d => d.DocumentId == DocumentId);
        fields.Add("documents[" + DocumentId + "].deleted_at", null, ChangedFields.Text(document.DeletedAt));
    }
}

/// <summary>The system wrote a version of the loan agreement; its SHA-256 goes into the history.</summary>
internal sealed record AgreementGenerated(Guid DocumentId) : LoanChange
{
    public override string Name => LoanEvents.AgreementGenerated;

    public override bool ConcernsLenders => true;

    public override bool OnlyForLendersStillIn => true;

    public override bool BySystem => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        DocumentFields.Add(after, DocumentId, fields);
        var document = after.Documents.First(d => d.DocumentId == DocumentId);
        fields.Add("agreement_version", null, document.Version.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A document's identity as history text: id, kind, name, size and hash.</summary>
internal static class DocumentFields
{
    public static void Add(LoanState after, Guid documentId, ChangedFields fields)
    {
        var d = after.Documents.First(x => x.DocumentId == documentId);
        var prefix = "documents[" + documentId + "].";
        fields.Add(prefix + "kind", null, DocumentKinds.Name(d.Kind));
        fields.Add(prefix + "file_name", null, d.FileName);
        fields.Add(prefix + "size_bytes", null, d.SizeBytes.ToString(CultureInfo.InvariantCulture));
        fields.Add(prefix + "sha256", null, d.Sha256);
    }
}
