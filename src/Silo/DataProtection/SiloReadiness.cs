using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Silo.DataProtection;

/// <summary>Whether the silo has reached its active stage, so its key-ring grain can be called.</summary>
internal sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>, IKeyRingReadiness
{
    private volatile bool _active;

    public void EnsureReady()
    {
        // Data Protection warms its ring up while the host starts; before the silo is active no grain answers, and
        // waiting would hold up the start. The first protect or unprotect after start loads it instead.
        if (!_active)
        {
            throw new InvalidOperationException("The silo has not started yet; data-protection keys load on first use.");
        }
    }

    // Start-up work registered after Orleans starts once the silo is active.
    public Task WaitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active, _ =>
        {
            _active = true;
            return Task.CompletedTask;
        }, _ =>
        {
            _active = false;
            return Task.CompletedTask;
        });
}
