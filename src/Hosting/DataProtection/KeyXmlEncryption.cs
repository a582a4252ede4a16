using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// Encrypts the secret parts of a stored key the way Data Protection's key manager does when it writes a new key:
/// each element marked <c>requiresEncryption="true"</c> (the master key) becomes an <c>encryptedSecret</c> element
/// naming its decryptor type. Used to encrypt keys that older versions stored in clear.
/// </summary>
public static class KeyXmlEncryption
{
    private static readonly XNamespace Ns = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = Ns + "requiresEncryption";
    private static readonly XName EncryptedSecret = Ns + "encryptedSecret";

    /// <summary>True when some part of the key is stored in clear.</summary>
    public static bool HasClearSecret(XElement key) => key.DescendantsAndSelf().Any(IsClearSecret);

    /// <summary>A copy of <paramref name="key"/> with every clear secret encrypted by <paramref name="encryptor"/>.</summary>
    public static XElement EncryptSecrets(XElement key, IXmlEncryptor encryptor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(encryptor);
        var copy = new XElement(key);
        // Snapshot first: replacing while enumerating would skip elements.
        foreach (var secret in copy.DescendantsAndSelf().Where(IsClearSecret).ToList())
        {
            var info = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                info.EncryptedElement));
        }

        return copy;
    }

    private static bool IsClearSecret(XElement element) =>
        (bool?)element.Attribute(RequiresEncryption) == true && element.Name != EncryptedSecret;
}
