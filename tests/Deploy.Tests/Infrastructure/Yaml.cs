using YamlDotNet.RepresentationModel;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>YAML documents as plain values: mappings, sequences and scalar strings, so tests can walk them simply.</summary>
internal static class Yaml
{
    /// <summary>Every document of a (multi-document) YAML file; aliases are resolved by the parser.</summary>
    public static IReadOnlyList<Node> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).Select(d => Node.From(d.RootNode))];
    }
}

/// <summary>One YAML node; missing children read as <see cref="Missing"/> so paths can be chained without null checks.</summary>
internal sealed class Node
{
    public static readonly Node Missing = new(null, null, null);

    private readonly IReadOnlyDictionary<string, Node>? _map;
    private readonly IReadOnlyList<Node>? _list;

    private Node(string? scalar, IReadOnlyDictionary<string, Node>? map, IReadOnlyList<Node>? list)
    {
        Scalar = scalar;
        _map = map;
        _list = list;
    }

    public string? Scalar { get; }

    public bool Exists => Scalar is not null || _map is not null || _list is not null;

    public IReadOnlyDictionary<string, Node> Map => _map ?? new Dictionary<string, Node>();

    public IReadOnlyList<Node> List => _list ?? [];

    public Node this[string key] => _map is not null && _map.TryGetValue(key, out var child) ? child : Missing;

    public static Node From(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new Node(null, mapping.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? "", pair => From(pair.Value), StringComparer.Ordinal), null),
        YamlSequenceNode sequence => new Node(null, null, [.. sequence.Children.Select(From)]),
        YamlScalarNode scalar => new Node(scalar.Value ?? "", null, null),
        _ => Missing,
    };

    public override string ToString() => Scalar ?? (_map is not null ? "{…}" : _list is not null ? "[…]" : "(missing)");
}
