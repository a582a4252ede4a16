using Microsoft.Extensions.Options;
using PrivateLending.Grains.Audit;

namespace PrivateLending.Silo.Audit;

/// <summary>Wires the audit log: the DynamoDB audit store the grains use, its table made ready when the silo starts.</summary>
public static class AuditHostingExtensions
{
    public static IServiceCollection AddPrivateLendingAudit(this IServiceCollection services)
    {
        services.AddOptions<DynamoDbAuditOptions>().BindConfiguration("DynamoDb");
        services.AddSingleton(sp => new DynamoDbAuditStore(sp.GetRequiredService<IOptions<DynamoDbAuditOptions>>().Value));
        services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<DynamoDbAuditStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AuditTableStartup>();
        return services;
    }

    /// <summary>Makes the table ready before the silo serves grains, like the membership and reminder tables.</summary>
    private sealed class AuditTableStartup(DynamoDbAuditStore store) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(AuditTableStartup), ServiceLifecycleStage.RuntimeInitialize, store.EnsureTableAsync);
    }
}
