using Microsoft.Extensions.Options;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Silo.Hosting;

/// <summary><c>Cluster:ClientSecret</c>: required outside Development, long enough wherever it is set.</summary>
internal sealed class ClusterSecretValidator(IHostEnvironment environment) : IValidateOptions<ClusterSettings>
{
    public ValidateOptionsResult Validate(string? name, ClusterSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ClusterClientSecret.Problem(options.ClientSecret, required: !environment.IsDevelopment()) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
