using System.Collections.Immutable;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using PrivateLending.Grains.Abstractions.Security;

namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// Encrypts the keys of a ring that were stored in clear (by a version without key encryption, or by a host run with
/// <c>DataProtection:AllowUnencryptedKeys</c>) and writes them back. The key material does not change, so everything
/// protected before stays readable. Each host runs it at start for its own ring once key encryption is configured.
/// </summary>
public static class KeyRingEncryption
{
    /// <summary>Encrypts every clear key of <paramref name="ring"/> in one write; answers how many it encrypted.</summary>
    public static async Task<int> EncryptClearKeysAsync(IKeyRingGrain ring, IXmlEncryptor encryptor)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var entries = await ring.GetAllAsync();
        var replacements = entries
            .Select(entry => (entry.FriendlyName, Key: XElement.Parse(entry.Xml)))
            .Where(x => KeyXmlEncryption.HasClearSecret(x.Key))
            .Select(x => new KeyRingEntry(x.FriendlyName, KeyXmlEncryption.EncryptSecrets(x.Key, encryptor).ToString(SaveOptions.DisableFormatting)))
            .ToImmutableArray();
        return replacements.IsEmpty ? 0 : await ring.ReplaceAsync(replacements);
    }
}
