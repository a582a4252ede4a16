namespace PrivateLending.Api.Infrastructure.Orleans;

/// <summary>
/// Completes once the Orleans client has connected. Registered as a hosted service after the client's own, and
/// hosted services start one after another, so reaching <see cref="StartAsync"/> means the client is connected.
/// Code that may run earlier (the data-protection key ring loading at start-up) waits on it.
/// </summary>
internal sealed class ClusterClientReadiness : IHostedService
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Connected => _connected.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connected.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
