using System.Text.RegularExpressions;
using PrivateLending.TestSupport;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>Which program a container runs.</summary>
public enum App
{
    Silo,
    Api,
}

/// <summary>An environment variable a deploy file sets for a program, and where.</summary>
internal sealed record EnvSetting(App App, string Name, string? Value, string Origin);

/// <summary>A probe or health check a deploy file points at a program: an HTTP path, or a TCP port.</summary>
internal sealed record Probe(App App, string Origin, string? Path, int Port, bool Http);

/// <summary>A container of ours in a Kubernetes workload, with its environment resolved through ConfigMaps and Secrets.</summary>
internal sealed record K8sContainer(App App, string Origin, Node Pod, Node Container, IReadOnlyList<EnvSetting> Env);

/// <summary>The artefacts under deploy/: compose file, Kubernetes manifests and Dockerfiles, read for the tests.</summary>
internal static partial class DeployFiles
{
    public static string Root => Path.Combine(RepoPaths.Root, "deploy");

    public static string ComposePath => Path.Combine(Root, "compose.yaml");

    public static string K8sDirectory => Path.Combine(Root, "k8s");

    public static string DockerDirectory => Path.Combine(Root, "docker");

    /// <summary>Every Kubernetes object in deploy/k8s, with the file it came from.</summary>
    public static IReadOnlyList<(string File, Node Doc)> K8sObjects() =>
    [
        .. Directory.EnumerateFiles(K8sDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => Yaml.LoadAll(f).Select(doc => (Path.GetFileName(f), doc))),
    ];

    /// <summary>Our program an image name or Dockerfile name refers to, if any.</summary>
    public static App? AppOf(string? imageOrDockerfile) => imageOrDockerfile switch
    {
        null => null,
        var s when s.Contains("privatelending-silo", StringComparison.Ordinal) || s.EndsWith("silo.Dockerfile", StringComparison.Ordinal) => App.Silo,
        var s when s.Contains("privatelending-api", StringComparison.Ordinal) || s.EndsWith("api.Dockerfile", StringComparison.Ordinal) => App.Api,
        _ => null,
    };

    /// <summary>The environment compose.yaml gives each service that runs one of our programs.</summary>
    public static IReadOnlyList<EnvSetting> ComposeEnvironment()
    {
        var compose = Yaml.LoadAll(ComposePath).Single();
        var settings = new List<EnvSetting>();
        foreach (var (service, definition) in compose["services"].Map)
        {
            if ((AppOf(definition["image"].Scalar) ?? AppOf(definition["build"]["dockerfile"].Scalar)) is not { } app)
            {
                continue;
            }

            var environment = definition["environment"];
            var pairs = environment.Map.Count > 0
                ? environment.Map.Select(p => (p.Key, p.Value.Scalar))
                : environment.List.Select(item => item.Scalar!.Split('=', 2)).Select(parts => (parts[0], parts.ElementAtOrDefault(1)));
            settings.AddRange(pairs.Select(p => new EnvSetting(app, p.Item1, p.Item2, $"compose.yaml services.{service}")));
        }

        return settings;
    }

    /// <summary>Every container of ours in a Deployment or StatefulSet, env resolved through envFrom.</summary>
    public static IReadOnlyList<K8sContainer> K8sContainers()
    {
        var objects = K8sObjects();
        var configMaps = objects.Where(o => o.Doc["kind"].Scalar == "ConfigMap")
            .ToDictionary(o => o.Doc["metadata"]["name"].Scalar!, o => o.Doc["data"].Map.Select(p => (p.Key, p.Value.Scalar)).ToList());
        // Secret values stay out of the results: only their names matter here.
        var secrets = objects.Where(o => o.Doc["kind"].Scalar == "Secret")
            .ToDictionary(o => o.Doc["metadata"]["name"].Scalar!, o => o.Doc["stringData"].Map.Keys.Concat(o.Doc["data"].Map.Keys)
                .Select(key => (key, (string?)null)).ToList());

        var containers = new List<K8sContainer>();
        foreach (var (file, doc) in objects.Where(o => o.Doc["kind"].Scalar is "Deployment" or "StatefulSet"))
        {
            var pod = doc["spec"]["template"];
            foreach (var container in pod["spec"]["containers"].List)
            {
                if (AppOf(container["image"].Scalar) is not { } app)
                {
                    continue;
                }

                var origin = $"{file} {doc["kind"]}/{doc["metadata"]["name"]} container {container["name"]}";
                var env = new List<EnvSetting>();
                foreach (var source in container["envFrom"].List)
                {
                    var (kind, refName) = source["configMapRef"].Exists
                        ? ("ConfigMap", source["configMapRef"]["name"].Scalar!)
                        : ("Secret", source["secretRef"]["name"].Scalar!);
                    var keys = (kind == "ConfigMap" ? configMaps : secrets).GetValueOrDefault(refName)
                        ?? throw new InvalidOperationException($"{origin}: envFrom names {kind} '{refName}', which no file in deploy/k8s defines.");
                    env.AddRange(keys.Select(key => new EnvSetting(app, key.Item1, key.Item2, $"{origin} via {kind} {refName}")));
                }

                env.AddRange(container["env"].List.Select(e => new EnvSetting(app, e["name"].Scalar!, e["value"].Scalar, origin)));
                containers.Add(new K8sContainer(app, origin, pod, container, env));
            }
        }

        return containers;
    }

    /// <summary>ENV instructions of our Dockerfiles, and variables their HEALTHCHECK reads.</summary>
    public static IReadOnlyList<EnvSetting> DockerfileEnvironment()
    {
        var settings = new List<EnvSetting>();
        foreach (var path in Directory.EnumerateFiles(DockerDirectory, "*.Dockerfile"))
        {
            if (AppOf(Path.GetFileName(path)) is not { } app)
            {
                continue;
            }

            var origin = $"docker/{Path.GetFileName(path)}";
            foreach (var instruction in Instructions(path))
            {
                if (instruction.StartsWith("ENV ", StringComparison.Ordinal))
                {
                    settings.AddRange(EnvPair().Matches(instruction[4..])
                        .Select(m => new EnvSetting(app, m.Groups["name"].Value, m.Groups["value"].Value, origin + " ENV")));
                }
                else if (instruction.StartsWith("HEALTHCHECK ", StringComparison.Ordinal))
                {
                    settings.AddRange(ShellVariable().Matches(instruction)
                        .Select(m => new EnvSetting(app, m.Groups["name"].Value, null, origin + " HEALTHCHECK")));
                }
            }
        }

        return settings;
    }

    /// <summary>Dockerfile instructions with line continuations joined and comments dropped.</summary>
    public static IEnumerable<string> Instructions(string path)
    {
        var current = "";
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                yield return current;
                current = "";
            }
        }
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();
}
