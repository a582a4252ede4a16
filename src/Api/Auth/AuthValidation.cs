using PrivateLending.Api.Infrastructure.Validation;

namespace PrivateLending.Api.Auth;

internal static class AuthValidation
{
    public const int MinPasswordLength = 10;

    // PBKDF2 cost grows with input; a cap keeps one request from buying a lot of CPU.
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 200;

    public static FieldErrors Register(RegisterRequest request)
    {
        var errors = new FieldErrors();
        FieldRules.Email(errors, "email", request.Email);
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "Password is required.");
        }
        else
        {
            errors.When(request.Password.Length < MinPasswordLength, "password", $"Must be at least {MinPasswordLength} characters.");
            errors.When(request.Password.Length > MaxPasswordLength, "password", $"Must be at most {MaxPasswordLength} characters.");
        }

        FieldRules.Text(errors, "name", request.Name, MaxNameLength);
        return errors;
    }

    public static FieldErrors Login(LoginRequest request)
    {
        var errors = new FieldErrors();
        errors.When(string.IsNullOrWhiteSpace(request.Email), "email", "Email is required.");
        errors.When(string.IsNullOrEmpty(request.Password), "password", "Password is required.");
        return errors;
    }
}
