namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// Asks the grain storage to keep this property's value in an item of its own, rewritten only when the value changes:
/// for a large value that every write would otherwise carry again (such as a record kept for the grain's life). The
/// grain sees the property as before. A provider that does not know this attribute stores the value inline.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class StoredApartAttribute : Attribute;
