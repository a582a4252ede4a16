using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PrivateLending.Api.Infrastructure.DataProtection;

/// <summary>
/// Keys encrypted with AWS KMS before the key encryption moved to the shared hosting library name this type as
/// their decryptor (Data Protection stores the type's name with each key), so it must keep this name and assembly.
/// </summary>
internal sealed class KmsXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly PrivateLending.Hosting.DataProtection.KmsXmlDecryptor _inner = new(services);

    public XElement Decrypt(XElement encryptedElement) => _inner.Decrypt(encryptedElement);
}
