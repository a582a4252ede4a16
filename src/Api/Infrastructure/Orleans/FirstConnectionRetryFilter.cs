namespace PrivateLending.Api.Infrastructure.Orleans;

/// <summary>
/// Keeps retrying the client's first connection for about a minute: the API may start before any silo has
/// registered its gateway (no gateway yet), or while DynamoDB is briefly unreachable, and should wait rather than exit.
/// </summary>
internal sealed class FirstConnectionRetryFilter : IClientConnectionRetryFilter
{
    private const int MaxAttempts = 30;
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || ++_attempts > MaxAttempts)
        {
            return false;
        }

        await Task.Delay(Delay, cancellationToken);
        return true;
    }
}
