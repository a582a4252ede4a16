namespace PrivateLending.Api.Documents;

/// <summary>
/// A loan document's metadata. kind is identity, income, bank_statement, other or agreement; content_type is the
/// type its bytes were verified to be; sha256 is the hex SHA-256 of the bytes; uploaded_by is null for the agreement.
/// </summary>
public sealed record DocumentResponse(
    Guid DocumentId,
    Guid LoanId,
    string Kind,
    string Title,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTimeOffset UploadedAt,
    Guid? UploadedBy);
