using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting.Kubernetes;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Clustering;
using PrivateLending.Silo.Hosting;
using PrivateLending.Silo.Storage;

namespace PrivateLending.Deploy.Tests.Infrastructure;

/// <summary>
/// The settings a program reads, found by reflection over its settings classes: every class of ours with a
/// <c>public const string Section</c> is bound to that section, plus the classes listed in
/// <see cref="BoundWithoutSectionConstant"/>. A variable <c>Section__Key[__Index…]</c> is a real setting when the
/// section has a class with a bindable property <c>Key</c> (case-insensitive, as configuration binding is).
/// </summary>
internal sealed class SettingsCatalog
{
    /// <summary>Classes bound to a section named elsewhere (the grain storage binds every provider to one section).</summary>
    private static readonly (App App, string Section, Type Type)[] BoundWithoutSectionConstant =
    [
        (App.Silo, SiloHostingExtensions.DynamoDbSection, typeof(DynamoDbStorageOptions)),
        (App.Api, OrleansClientSetup.DynamoDbSection, typeof(DynamoDbClusteringOptions)),
    ];

    private readonly Dictionary<string, List<Type>> _sections;
    private readonly HashSet<string> _plainVariables;

    private SettingsCatalog(Dictionary<string, List<Type>> sections, HashSet<string> plainVariables)
    {
        _sections = sections;
        _plainVariables = plainVariables;
    }

    public static SettingsCatalog For(App app)
    {
        var root = app == App.Silo ? typeof(ClusterSettings).Assembly : typeof(OrleansClientSettings).Assembly;
        var sections = new Dictionary<string, List<Type>>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in OurAssemblies(root).SelectMany(LoadableTypes))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section)
            {
                Add(sections, section, type);
            }
            else if (app == App.Silo && type.Name.StartsWith("DynamoDb", StringComparison.Ordinal) && type.Name.EndsWith("Options", StringComparison.Ordinal))
            {
                // Convention for the DynamoDB providers' options (storage, membership, reminders): one shared section.
                Add(sections, SiloHostingExtensions.DynamoDbSection, type);
            }
        }

        foreach (var (owner, section, type) in BoundWithoutSectionConstant.Where(b => b.App == app))
        {
            Add(sections, section, type);
        }

        // Variables without "__" that the host or a package reads by name.
        var plain = new HashSet<string>(StringComparer.Ordinal)
        {
            "DOTNET_" + HostDefaults.EnvironmentKey.ToUpperInvariant(),
            "ASPNETCORE_" + HostDefaults.EnvironmentKey.ToUpperInvariant(),
            "ASPNETCORE_" + WebHostDefaults.ServerUrlsKey.ToUpperInvariant(),
        };
        if (app == App.Silo)
        {
            plain.UnionWith([
                KubernetesHostingOptions.PodNameEnvironmentVariable,
                KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
                KubernetesHostingOptions.PodIPEnvironmentVariable,
            ]);
        }

        return new SettingsCatalog(sections, plain);
    }

    /// <summary>Null when <paramref name="variable"/> is a setting the program reads; otherwise why not.</summary>
    public string? Explain(string variable)
    {
        if (!variable.Contains("__", StringComparison.Ordinal))
        {
            return _plainVariables.Contains(variable) ? null : "not a Section__Key setting nor a variable the host reads";
        }

        var path = variable.Split("__");
        if (!_sections.TryGetValue(path[0], out var types))
        {
            return $"no settings class is bound to section '{path[0]}'";
        }

        return types.Any(type => Resolves(type, path, 1))
            ? null
            : $"no property '{path[1]}' in {string.Join(" or ", types.Select(t => t.Name))}";
    }

    private static bool Resolves(Type type, string[] path, int index)
    {
        if (index == path.Length)
        {
            return true;
        }

        if (type.IsArray || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !IsDictionary(type)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().LastOrDefault() ?? typeof(object);
            return int.TryParse(path[index], out _) && Resolves(element, path, index + 1);
        }

        if (IsDictionary(type))
        {
            return Resolves(type.GetGenericArguments()[1], path, index + 1);
        }

        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name.Equals(path[index], StringComparison.OrdinalIgnoreCase) && IsBindable(p));
        return property is not null && Resolves(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, path, index + 1);
    }

    // The binder sets public setters, and fills get-only collections and objects in place; a computed bool it cannot set.
    private static bool IsBindable(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0
        && (property.SetMethod is { IsPublic: true } || !(property.PropertyType.IsValueType || property.PropertyType == typeof(string)));

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));

    private static void Add(Dictionary<string, List<Type>> sections, string section, Type type)
    {
        if (!sections.TryGetValue(section, out var types))
        {
            sections[section] = types = [];
        }

        if (!types.Contains(type))
        {
            types.Add(type);
        }
    }

    /// <summary>The program's assembly and every PrivateLending assembly it references (settings may live in a shared one).</summary>
    private static IEnumerable<Assembly> OurAssemblies(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!))
            {
                continue;
            }

            yield return assembly;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("PrivateLending.", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
