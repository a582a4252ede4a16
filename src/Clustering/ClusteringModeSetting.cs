using Microsoft.Extensions.Configuration;

namespace PrivateLending.Clustering;

/// <summary>
/// <c>Orleans:Clustering</c> holds our clustering mode as a plain value (<c>DynamoDb</c>, <c>Localhost</c>, <c>Static</c>).
/// Orleans reads that same key as a provider section of its own and refuses to start when it names no Orleans
/// provider, so Orleans is handed a live view of the configuration in which the key is absent.
/// </summary>
public static class ClusteringModeSetting
{
    public const string Key = "Orleans:Clustering";

    /// <summary>Every setting of <paramref name="configuration"/>, read live, except <see cref="Key"/>.</summary>
    public static ConfigurationManager HideFromOrleans(IConfiguration configuration)
    {
        var view = new ConfigurationManager();
        view.AddConfiguration(configuration, shouldDisposeConfiguration: false);
        // A later source answering null makes the key read as unset, so Orleans sees no "Clustering" section.
        view.AddInMemoryCollection([new KeyValuePair<string, string?>(Key, null)]);
        return view;
    }
}
