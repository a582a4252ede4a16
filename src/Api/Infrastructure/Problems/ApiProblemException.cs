namespace PrivateLending.Api.Infrastructure.Problems;

/// <summary>
/// A request the API itself refuses from deep inside a helper (a bad paging token, an invalid header), where
/// returning a typed result would thread error cases through every caller. The exception handler writes it.
/// </summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException() : this(400, ProblemCodes.Validation, "The request is invalid.") { }

    public ApiProblemException(string message) : this(400, ProblemCodes.Validation, message) { }

    public ApiProblemException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 400;
        Code = ProblemCodes.Validation;
    }

    public ApiProblemException(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Status = status;
        Code = code;
        Errors = errors;
    }

    public int Status { get; }

    public string Code { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public static ApiProblemException Invalid(string field, string message) =>
        new(400, ProblemCodes.Validation, message, new Dictionary<string, string[]> { [field] = [message] });
}
