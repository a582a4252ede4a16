using System.Security.Cryptography;
using PrivateLending.Grains.Abstractions.Documents;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans.Documents;

/// <summary>
/// When a loan's agreement is due and how a written one is recorded: version 1 when the loan is funded, version 2
/// (the first kept) when it is disbursed, each stored once under a key fixed by the loan and the version.
/// </summary>
internal static class LoanAgreements
{
    public const string FileName = "agreement.pdf";

    public static string Key(Guid loanId, int version) => $"loans/{loanId:N}/agreement/v{version}.pdf";

    /// <summary>Queues the versions <paramref name="changes"/> make due, in the write that makes them due.</summary>
    public static void Enqueue(LoanState next, IReadOnlyList<LoanChange> changes)
    {
        foreach (var change in changes)
        {
            var version = change switch
            {
                LoanFunded => 1,
                LoanDisbursed => 2,
                _ => 0,
            };
            if (version == 0)
            {
                continue;
            }

            if (version == 1)
            {
                next.FundedAt = next.UpdatedAt;
            }

            LoanOutbox.Add(next, new AgreementMessage { LoanId = next.LoanId, AgreementVersion = version, Version = next.Version });
        }
    }

    public static bool IsRecorded(LoanState loan, int version) =>
        loan.Documents.Exists(d => d.Kind == DocumentKind.Agreement && d.Version == version);

    /// <summary>Adds the written version as a document (by the system) with its change, and drops its outbox message.</summary>
    public static void Record(LoanState next, int version, byte[] pdf, DateTimeOffset now, List<LoanChange> changes)
    {
        var document = new DocumentState
        {
            // Fixed per loan and version, like the key: a replayed record can never add a second one.
            DocumentId = DocumentIdFor(next.LoanId, version),
            Kind = DocumentKind.Agreement,
            Title = $"Loan agreement (version {version})",
            FileName = FileName,
            ContentType = "application/pdf",
            SizeBytes = pdf.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            UploadedAt = now,
            ObjectKey = Key(next.LoanId, version),
            Version = version,
        };
        next.Documents.Add(document);
        // Not a new version of the loan: it is written after the answer, and a version bumped by nobody's request
        // would make every client's ETag stale at a moment it cannot predict. Its records carry the version it documents.
        changes.Add(new AgreementGenerated(document.DocumentId));
        Done(next, version);
    }

    /// <summary>The version's message leaves the outbox (with the write that records it, or at the next one).</summary>
    public static void Done(LoanState loan, int version) =>
        LoanOutbox.Remove(loan, loan.Outbox.OfType<AgreementMessage>().Where(m => m.AgreementVersion == version).Select(m => m.Seq).ToHashSet());

    private static Guid DocumentIdFor(Guid loanId, int version)
    {
        Span<byte> bytes = stackalloc byte[20];
        loanId.TryWriteBytes(bytes);
        BitConverter.TryWriteBytes(bytes[16..], version);
        var hash = SHA256.HashData(bytes);
        return new Guid(hash.AsSpan(0, 16));
    }
}
