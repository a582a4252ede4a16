namespace PrivateLending.Grains.Security;

/// <summary>The stored data-protection keys, in the order they were created.</summary>
[GenerateSerializer, Alias("PrivateLending.KeyRingState")]
public sealed class KeyRingState
{
    [Id(0)] public List<StoredKey> Keys { get; set; } = [];
}

/// <summary>One stored key.</summary>
[GenerateSerializer, Alias("PrivateLending.StoredKey")]
public sealed class StoredKey
{
    [Id(0)] public string FriendlyName { get; set; } = "";
    [Id(1)] public string Xml { get; set; } = "";
}
