using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Documents;

/// <summary>The kinds' names on the wire (<c>bank_statement</c>), shared by the API and the history.</summary>
public static class DocumentKinds
{
    /// <summary>The kinds a borrower may upload, by name.</summary>
    public static readonly ImmutableDictionary<string, DocumentKind> Uploadable = new Dictionary<string, DocumentKind>(StringComparer.Ordinal)
    {
        ["identity"] = DocumentKind.Identity,
        ["income"] = DocumentKind.Income,
        ["bank_statement"] = DocumentKind.BankStatement,
        ["other"] = DocumentKind.Other,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The wire name of <paramref name="kind"/>.</summary>
    public static string Name(DocumentKind kind) => kind switch
    {
        DocumentKind.Identity => "identity",
        DocumentKind.Income => "income",
        DocumentKind.BankStatement => "bank_statement",
        DocumentKind.Agreement => "agreement",
        _ => "other",
    };
}
