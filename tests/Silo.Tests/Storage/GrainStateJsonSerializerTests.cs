using PrivateLending.Silo.Storage;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>The JSON round-trip check runs on the first writes of each state type, then on a sample.</summary>
public sealed class GrainStateJsonSerializerTests
{
    [Fact]
    public void Serialize_LossyTypeAfterFullChecks_RefusedOnlyOnSampledWrites()
    {
        var json = new GrainStateJsonSerializer(new DynamoDbStorageOptions { JsonRoundTripFullChecks = 2, JsonRoundTripSampleInterval = 3 });
        var state = new PrivateSetterState();
        state.Deposit(10m);

        var refused = Enumerable.Range(1, 8).Select(_ => Refused(() => json.Serialize(state, "probe"))).ToList();

        // Writes 1 and 2 are fully checked; then every third write (5 and 8) is.
        Assert.Equal([true, true, false, false, true, false, false, true], refused);
    }

    [Fact]
    public void Serialize_CountsEachStateTypeOnItsOwn()
    {
        var json = new GrainStateJsonSerializer(new DynamoDbStorageOptions { JsonRoundTripFullChecks = 1, JsonRoundTripSampleInterval = 1000 });
        for (var i = 0; i < 5; i++)
        {
            json.Serialize(new CounterState { Count = i }, "other type");
        }

        var state = new PrivateSetterState();
        state.Deposit(1m);

        // Writes of another type do not use up this type's full checks.
        Assert.True(Refused(() => json.Serialize(state, "probe")));
    }

    [Fact]
    public void Serialize_CheckSwitchedOff_NeverRefuses()
    {
        var json = new GrainStateJsonSerializer(new DynamoDbStorageOptions { VerifyJsonRoundTrip = false });
        var state = new PrivateSetterState();
        state.Deposit(1m);

        Assert.False(Refused(() => json.Serialize(state, "probe")));
    }

    private static bool Refused(Action write)
    {
        try
        {
            write();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
