using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivateLending.Benchmarks.Measurement;

/// <summary>
/// A/B mode (<c>--compare REF</c>): this checkout and REF measured by the same harness on the same local DynamoDB, in
/// rounds whose order alternates (this, REF; REF, this; …) so that a machine getting busier or quieter weighs on both
/// sides alike. Each side of a round is one child run of this harness with <c>--system-root</c>; the report gives each
/// figure's median over the rounds with its spread (lowest–highest) and the ratio of the medians.
/// </summary>
internal static class Comparison
{
    private static readonly string[] Figures = ["throughput_rps", "p50_ms", "p99_ms", "storage_writes_per_request", "write_units_per_request"];

    public static async Task<int> RunAsync(BenchmarkOptions options, string[] args, string repoRoot, CancellationToken cancellationToken)
    {
        var other = await ResolveAsync(options.CompareWith!, repoRoot, cancellationToken);
        var sides = new[] { ("this", repoRoot), ("ref", other) };
        Console.WriteLine($"A/B: this = {repoRoot} ({await CommitAsync(repoRoot, cancellationToken)}), ref = {other} ({await CommitAsync(other, cancellationToken)}); {options.Rounds} rounds");
        if (options.Build)
        {
            foreach (var (_, root) in sides)
            {
                foreach (var project in new[] { "src/Silo/Silo.csproj", "src/Api/Api.csproj" })
                {
                    Console.WriteLine($"  dotnet build -c Release {project} in {root}");
                    await RunProcessAsync("dotnet", ["build", "-c", "Release", project, "-v", "q", "-nologo"], root, echo: false, cancellationToken);
                }
            }
        }

        var childArgs = WithoutOwnOptions(args);
        var runs = new Dictionary<string, List<JsonArray>>(StringComparer.Ordinal) { ["this"] = [], ["ref"] = [] };
        var failed = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (name, root) in round % 2 == 1 ? sides : sides.Reverse())
            {
                Console.WriteLine();
                Console.WriteLine($"=== round {round}/{options.Rounds}: {name}");
                var json = Path.Combine(Path.GetTempPath(), $"privatelending-ab-{Guid.NewGuid():N}.json");
                var (exit, _) = await RunProcessAsync(HarnessCommand(), [.. HarnessArguments(), .. childArgs, "--no-build", "--system-root", root, "--json", json],
                    repoRoot, echo: true, cancellationToken, throwOnFailure: false);
                failed += exit == 0 ? 0 : 1;
                if (File.Exists(json))
                {
                    runs[name].Add(JsonNode.Parse(await File.ReadAllTextAsync(json, cancellationToken))!["results"]!.AsArray());
                    File.Delete(json);
                }
            }
        }

        var report = Report(runs);
        Console.WriteLine();
        Console.WriteLine($"== A/B medians over {options.Rounds} rounds (lowest–highest)");
        Console.WriteLine(report);
        if (options.MarkdownPath is not null)
        {
            await File.WriteAllTextAsync(options.MarkdownPath, report, cancellationToken);
        }

        if (options.JsonPath is not null)
        {
            await File.WriteAllTextAsync(options.JsonPath, new JsonObject
            {
                ["this"] = new JsonArray([.. runs["this"].Select(r => (JsonNode)r.DeepClone())]),
                ["ref"] = new JsonArray([.. runs["ref"].Select(r => (JsonNode)r.DeepClone())]),
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>One row per scenario and figure: the median of each side, its spread, and this ÷ ref.</summary>
    public static string Report(IReadOnlyDictionary<string, List<JsonArray>> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | figure | this: median (lowest–highest) | ref: median (lowest–highest) | this ÷ ref |");
        text.AppendLine("|---|---|---:|---:|---:|");
        var scenarios = runs.Values.SelectMany(r => r).SelectMany(a => a).Select(n => (string)n!["scenario"]!).Distinct(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            var figures = Figures.Select(f => (Name: f, Path: new[] { f }))
                .Concat(CpuProcesses(runs, scenario).Select(p => (Name: $"cpu ms/req {p}", Path: new[] { "cpu_ms_per_request", p })));
            foreach (var (name, path) in figures)
            {
                var ours = Values(runs["this"], scenario, path);
                var theirs = Values(runs["ref"], scenario, path);
                if (ours.Count == 0 && theirs.Count == 0)
                {
                    continue;
                }

                var ratio = ours.Count > 0 && theirs.Count > 0 && Median(theirs) != 0 ? (Median(ours) / Median(theirs)).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {name} | {Cell(ours)} | {Cell(theirs)} | {ratio} |");
            }
        }

        return text.ToString();
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Cell(List<double> values) => values.Count == 0
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{Median(values):0.###} ({values.Min():0.###}–{values.Max():0.###})");

    private static List<double> Values(List<JsonArray> runs, string scenario, string[] path) =>
    [
        .. runs.SelectMany(r => r).Where(n => (string)n!["scenario"]! == scenario)
            .Select(n => path.Aggregate<string, JsonNode?>(n, (node, key) => node?[key]))
            .Where(v => v is JsonValue value && value.TryGetValue<double>(out _))
            .Select(v => v!.GetValue<double>()),
    ];

    private static IEnumerable<string> CpuProcesses(IReadOnlyDictionary<string, List<JsonArray>> runs, string scenario) =>
        runs.Values.SelectMany(r => r).SelectMany(a => a)
            .Where(n => (string)n!["scenario"]! == scenario && n["cpu_ms_per_request"] is JsonObject)
            .SelectMany(n => n!["cpu_ms_per_request"]!.AsObject().Select(p => p.Key))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The arguments for a child run: everything but the options of the A/B mode and the outputs it writes itself.</summary>
    private static List<string> WithoutOwnOptions(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--compare" or "--rounds" or "--json" or "--markdown")
            {
                i++;
            }
            else if (args[i] != "--no-build")
            {
                kept.Add(args[i]);
            }
        }

        return kept;
    }

    /// <summary>A directory holding a checkout is used as is; anything else is a commit, checked out once in a detached worktree.</summary>
    private static async Task<string> ResolveAsync(string reference, string repoRoot, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(reference, "src", "Silo", "Silo.csproj")))
        {
            return Path.GetFullPath(reference);
        }

        var commit = (await RunProcessAsync("git", ["-C", repoRoot, "rev-parse", "--verify", reference + "^{commit}"], repoRoot, echo: false, cancellationToken)).Output.Trim();
        var directory = Path.Combine(Path.GetTempPath(), "privatelending-ab-" + commit[..12]);
        if (!Directory.Exists(directory))
        {
            await RunProcessAsync("git", ["-C", repoRoot, "worktree", "add", "--detach", directory, commit], repoRoot, echo: false, cancellationToken);
        }

        return directory;
    }

    private static async Task<string> CommitAsync(string root, CancellationToken cancellationToken) =>
        (await RunProcessAsync("git", ["-C", root, "rev-parse", "--short", "HEAD"], root, echo: false, cancellationToken, throwOnFailure: false)).Output.Trim();

    // The child is this very harness: under `dotnet run` the process is its app host, else `dotnet <assembly>`.
    private static string HarnessCommand() => Environment.ProcessPath ?? "dotnet";

    private static string[] HarnessArguments() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "dotnet") == "dotnet" ? [typeof(Comparison).Assembly.Location] : [];

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string file, string[] arguments, string workingDirectory, bool echo, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = !echo, RedirectStandardError = !echo, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = echo ? Task.FromResult("") : process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = echo ? Task.FromResult("") : process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {await output}{await error}");
        }

        return (process.ExitCode, await output);
    }
}
