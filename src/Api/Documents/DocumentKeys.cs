namespace PrivateLending.Api.Documents;

/// <summary>Object keys of uploads: random under the loan's prefix, never derived from what the user sent.</summary>
internal static class DocumentKeys
{
    public static string ForUpload(Guid loanId) => $"loans/{loanId:N}/uploads/{Guid.NewGuid():N}";
}
