namespace PrivateLending.Grains.Abstractions.Security;

/// <summary>One data-protection key as XML, with the name the key manager gave it.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.KeyRingEntry")]
public sealed record KeyRingEntry([property: Id(0)] string FriendlyName, [property: Id(1)] string Xml);
