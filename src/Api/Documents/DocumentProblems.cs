using System.Globalization;
using PrivateLending.Api.Infrastructure.Problems;

namespace PrivateLending.Api.Documents;

/// <summary>The refusals an upload can meet before its metadata reaches the loan.</summary>
internal static class DocumentProblems
{
    public static ApiProblemException TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
        $"The file is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");

    public static ApiProblemException Unsupported(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, detail);

    public static ApiProblemException Unsafe(string found) => new(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnsafeDocument,
        $"The PDF is refused: it carries {found}.");

    public static ApiProblemException Malformed(string detail) => new(StatusCodes.Status400BadRequest, ProblemCodes.Validation, detail,
        new Dictionary<string, string[]> { ["body"] = [detail] });

    public static ApiProblemException Unavailable() => new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable,
        "Document storage is not available. Try again later.");
}
