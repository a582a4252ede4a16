using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace PrivateLending.Silo.Reminders;

/// <summary>Registers Orleans reminders stored in <see cref="DynamoDbReminderTable"/>.</summary>
public static class DynamoDbReminderExtensions
{
    /// <summary>Adds the reminder service with its table in DynamoDB; the options builder can bind configuration.</summary>
    public static ISiloBuilder UseDynamoDbReminderService(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDbReminderOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        configureOptions?.Invoke(builder.Services.AddOptions<DynamoDbReminderOptions>());
        builder.Services.ConfigureFormatter<DynamoDbReminderOptions>();
        builder.Services.AddSingleton<IReminderTable>(services => new DynamoDbReminderTable(
            services.GetRequiredService<IOptions<DynamoDbReminderOptions>>().Value,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return builder;
    }
}
