namespace PrivateLending.Hosting.DataProtection;

/// <summary>
/// When a host can call its key-ring grain: the API once its cluster client has connected, a silo once it is active.
/// The key-ring repository and the start-up encryption of clear keys ask it before every grain call.
/// </summary>
public interface IKeyRingReadiness
{
    /// <summary>
    /// Returns once grains can be called, or throws <see cref="InvalidOperationException"/> when they cannot be now.
    /// Synchronous because Data Protection's repository contract is.
    /// </summary>
    void EnsureReady();

    /// <summary>Completes once grains can be called (for work a host runs at start).</summary>
    Task WaitAsync(CancellationToken cancellationToken);
}
