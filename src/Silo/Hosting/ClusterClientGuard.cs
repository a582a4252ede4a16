using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Silo.Hosting;

/// <summary>
/// The silo's half of <see cref="ClusterClientSecret"/>: a call that comes from an Orleans client is refused unless
/// its request context carries the cluster's secret. Calls between grains, reminders and stream deliveries come from
/// a grain or a system target and pass as before; a silo's own code outside grains calls as a client of the silo and
/// sends the secret (see <see cref="ClusterClientGuardSetup"/>). With no secret configured (Development only: the
/// settings check refuses that elsewhere) every call passes.
/// </summary>
public sealed partial class ClusterClientGuard(IOptions<ClusterSettings> settings, ILogger<ClusterClientGuard> logger) : IIncomingGrainCallFilter
{
    private readonly string? _secret = settings.Value.ClientSecret is { Length: > 0 } secret ? secret : null;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Grains only: a client's runtime talks to system targets (cluster manifest, type management) while it connects.
        if (_secret is not null && context.SourceId is { } source && GrainTypePrefix.IsClient(source)
            && !GrainTypePrefix.IsSystemTarget(context.TargetId)
            && !ClusterClientSecret.Matches(_secret, RequestContext.Get(ClusterClientSecret.RequestContextKey)))
        {
            LogRefused(logger, context.InterfaceName, context.MethodName, source);
            throw new UnauthorizedAccessException("This cluster serves only clients holding its client secret.");
        }

        return context.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Interface}.{Method} from client {Client} without the cluster's client secret")]
    private static partial void LogRefused(ILogger logger, string @interface, string method, GrainId client);
}
