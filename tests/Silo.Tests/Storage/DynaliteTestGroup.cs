using PrivateLending.TestSupport;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Storage tests share one dynalite; each test uses its own grain ids (and its own table where it needs one).</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteTestGroup : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
