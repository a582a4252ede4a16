using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Auth;

/// <summary>The account rules of <see cref="UserLimits"/> and <see cref="EmailAddress"/>, checked before any grain call.</summary>
internal static class AuthValidation
{
    public static FieldErrors Register(RegisterRequest request)
    {
        var errors = new FieldErrors();
        EmailAddress.Check(errors, "email", request.Email);
        UserLimits.CheckPassword(errors, "password", request.Password);
        UserLimits.Name.Check(errors, "name", request.Name);
        return errors;
    }

    public static FieldErrors Login(LoginRequest request)
    {
        var errors = new FieldErrors();
        errors.When(string.IsNullOrWhiteSpace(request.Email), "email", "Is required.");
        errors.When(string.IsNullOrEmpty(request.Password), "password", "Is required.");
        return errors;
    }
}
