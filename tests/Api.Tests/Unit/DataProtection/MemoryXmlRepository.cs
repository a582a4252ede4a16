using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PrivateLending.Api.Tests.Unit.DataProtection;

/// <summary>A key store the tests can read back as text, as the key-ring grain's item would hold it.</summary>
internal sealed class MemoryXmlRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];

    public IReadOnlyList<string> StoredXml => _elements.Select(e => e.ToString(SaveOptions.DisableFormatting)).ToList();

    public IReadOnlyCollection<XElement> GetAllElements() => _elements.Select(e => new XElement(e)).ToList();

    public void StoreElement(XElement element, string friendlyName) => _elements.Add(new XElement(element));

    public void ReplaceAll(IEnumerable<XElement> elements)
    {
        _elements.Clear();
        _elements.AddRange(elements);
    }
}
