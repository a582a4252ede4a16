using Amazon.DynamoDBv2.Model;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>Item sizes worked out by hand from DynamoDB's published rules, and write units as billed.</summary>
public sealed class DynamoDbItemSizeTests
{
    [Fact]
    public void Of_StringsAndNumbers_CountsNamesAndValuesInUtf8()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = "abc" },   // 2 + 3
            ["é"] = new() { S = "€" },      // 2 + 3
            ["n"] = new() { N = "12345" },  // 1 + (1 + 3)
            ["ok"] = new() { BOOL = true }, // 2 + 1
        };

        Assert.Equal(5 + 5 + 5 + 3, DynamoDbItemSize.Of(item));
    }

    [Fact]
    public void Of_MapAndList_AddThreeBytesAndOnePerElement()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["m"] = new() { M = new() { ["a"] = new() { S = "xy" } } },     // 1 + 3 + (1 + 2 + 1)
            ["l"] = new() { L = [new() { S = "z" }, new() { S = "zz" }] }, // 1 + 3 + (1 + 1) + (2 + 1)
        };

        Assert.Equal(8 + 9, DynamoDbItemSize.Of(item));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1024, 1)]
    [InlineData(1025, 2)]
    [InlineData(41 * 1024, 41)]
    [InlineData(400 * 1024, 400)]
    public void WriteUnits_ItemBytes_OnePerStartedKilobyteAtLeastOne(long bytes, long units) =>
        Assert.Equal(units, DynamoDbItemSize.WriteUnits(bytes));
}
