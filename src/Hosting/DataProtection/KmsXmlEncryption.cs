using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// The AWS KMS key and encryption context that protect Data Protection keys at rest. The context binds every
/// ciphertext to this purpose and application: KMS refuses to decrypt it under any other context, and CloudTrail
/// records the context with every use.
/// </summary>
public sealed class KmsKeyEncryption(IAmazonKeyManagementService kms, string keyId, string applicationName)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public IAmazonKeyManagementService Kms { get; } = kms;

    public string KeyId { get; } = keyId;

    public Dictionary<string, string> Context() => new(StringComparer.Ordinal)
    {
        ["purpose"] = "PrivateLending.DataProtection.KeyRing",
        ["application"] = applicationName,
    };

    /// <summary>Data Protection's encryptor contract is synchronous; it runs only when a key is created or loaded.</summary>
    public static T Wait<T>(Func<Task<T>> call) => Task.Run(call).WaitAsync(CallTimeout).GetAwaiter().GetResult();
}

/// <summary>Encrypts a key's secret element with AWS KMS (the key XML is far below KMS' 4 KB plaintext limit).</summary>
public sealed class KmsXmlEncryptor(KmsKeyEncryption encryption) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            using var stream = new MemoryStream(plaintext, writable: false);
            var response = KmsKeyEncryption.Wait(() => encryption.Kms.EncryptAsync(new EncryptRequest
            {
                KeyId = encryption.KeyId,
                Plaintext = stream,
                EncryptionContext = encryption.Context(),
            }));
            var element = new XElement(KmsXml.Root,
                new XComment(" This key is encrypted with AWS KMS. "),
                new XElement(KmsXml.KeyId, response.KeyId ?? encryption.KeyId),
                new XElement(KmsXml.Value, Convert.ToBase64String(response.CiphertextBlob.ToArray())));
            return new EncryptedXmlInfo(element, typeof(KmsXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>Decrypts what <see cref="KmsXmlEncryptor"/> wrote; created by Data Protection from the stored decryptor type.</summary>
public sealed class KmsXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KmsKeyEncryption _encryption = services.GetService<KmsKeyEncryption>()
        ?? throw new InvalidOperationException("This data-protection key is encrypted with AWS KMS: set DataProtection:KmsKeyId to read it.");

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = (string?)encryptedElement.Element(KmsXml.KeyId) ?? _encryption.KeyId;
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element(KmsXml.Value)
            ?? throw new FormatException("The KMS-encrypted key has no value."));
        using var stream = new MemoryStream(ciphertext, writable: false);
        var response = KmsKeyEncryption.Wait(() => _encryption.Kms.DecryptAsync(new DecryptRequest
        {
            // The key that encrypted it, so keys written before a change of DataProtection:KmsKeyId stay readable.
            KeyId = keyId,
            CiphertextBlob = stream,
            EncryptionContext = _encryption.Context(),
        }));
        var plaintext = response.Plaintext.ToArray();
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

internal static class KmsXml
{
    public static readonly XName Root = "kmsEncryptedKey";
    public static readonly XName KeyId = "keyId";
    public static readonly XName Value = "value";
}
