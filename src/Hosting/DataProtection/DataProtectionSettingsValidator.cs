using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>Key encryption is required outside Development, in every host that keeps keys (the API and the silos).</summary>
internal sealed class DataProtectionSettingsValidator(IHostEnvironment environment) : IValidateOptions<DataProtectionSettings>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            failures.Add("DataProtection:ApplicationName is required.");
        }

        var certificate = !string.IsNullOrWhiteSpace(options.CertificatePath);
        var kms = !string.IsNullOrWhiteSpace(options.KmsKeyId);
        if (certificate && kms)
        {
            failures.Add("Set either DataProtection:CertificatePath or DataProtection:KmsKeyId, not both.");
        }
        else if (!certificate && !kms && !options.AllowUnencryptedKeys && !environment.IsDevelopment())
        {
            // Keys in clear sit next to the data they protect: whoever reads the table reads both.
            failures.Add("DataProtection:CertificatePath or DataProtection:KmsKeyId is required outside Development "
                + "(keys must be encrypted at rest); set DataProtection:AllowUnencryptedKeys=true to store them in clear anyway.");
        }

        if (certificate)
        {
            FileMustExist(failures, "DataProtection:CertificatePath", options.CertificatePath);
            if (!string.IsNullOrWhiteSpace(options.CertificateKeyPath))
            {
                FileMustExist(failures, "DataProtection:CertificateKeyPath", options.CertificateKeyPath);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void FileMustExist(List<string> failures, string key, string? path)
    {
        if (!File.Exists(path))
        {
            failures.Add($"{key} names a file that does not exist: '{path}'.");
        }
    }
}
