// Merges the Cobertura files coverlet wrote for each test project into one figure per source project, prints it,
// writes docs/coverage.md, and exits 1 when a project's line coverage is below its floor.
// Usage: dotnet run .ci/coverage.cs -- <results folder> <docs/coverage.md> [Project=floor%]...
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: coverage.cs <results folder> <markdown file> [Project=floor]...");
    return 2;
}

var files = Directory.GetFiles(args[0], "coverage.cobertura.xml", SearchOption.AllDirectories);
if (files.Length == 0)
{
    Console.Error.WriteLine($"no coverage.cobertura.xml under {args[0]}");
    return 1;
}

// Project -> (source file, line) -> (hit, branches covered, branches total). Several test projects cover the same
// source project (Grains runs under Grains.Tests and under the API's test cluster): a line counts when any hit it.
var projects = new SortedDictionary<string, Dictionary<(string File, int Line), LineCoverage>>(StringComparer.Ordinal);
foreach (var file in files)
{
    foreach (var package in XDocument.Load(file).Descendants("package"))
    {
        var project = ProjectName(package.Attribute("name")?.Value ?? "");
        if (!projects.TryGetValue(project, out var lines))
        {
            projects[project] = lines = [];
        }

        foreach (var @class in package.Descendants("class"))
        {
            var source = @class.Attribute("filename")?.Value ?? "";
            foreach (var line in @class.Elements("lines").Elements("line"))
            {
                var key = (source, int.Parse(line.Attribute("number")!.Value, CultureInfo.InvariantCulture));
                var current = new LineCoverage(long.Parse(line.Attribute("hits")!.Value, CultureInfo.InvariantCulture) > 0, 0, 0);
                var condition = Regex.Match(line.Attribute("condition-coverage")?.Value ?? "", @"\((\d+)/(\d+)\)");
                if (condition.Success)
                {
                    current = current with
                    {
                        BranchesCovered = int.Parse(condition.Groups[1].Value, CultureInfo.InvariantCulture),
                        Branches = int.Parse(condition.Groups[2].Value, CultureInfo.InvariantCulture),
                    };
                }

                lines[key] = lines.TryGetValue(key, out var seen) ? seen.Merge(current) : current;
            }
        }
    }
}

var floors = args.Skip(2).Select(a => a.Split('=', 2))
    .ToDictionary(p => p[0], p => double.Parse(p[1].TrimEnd('%'), CultureInfo.InvariantCulture), StringComparer.Ordinal);
var table = new StringBuilder()
    .AppendLine("| project | lines | line coverage | branches | branch coverage | floor |")
    .AppendLine("|---|---:|---:|---:|---:|---:|");
var failures = new List<string>();
foreach (var (project, lines) in projects)
{
    var covered = lines.Values.Count(l => l.Hit);
    var branches = lines.Values.Sum(l => l.Branches);
    var branchesCovered = lines.Values.Sum(l => l.BranchesCovered);
    var lineRate = Percent(covered, lines.Count);
    var branchRate = Percent(branchesCovered, branches);
    var floor = floors.TryGetValue(project, out var f) ? f : (double?)null;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[coverage] {project}: lines {lineRate:0.0}% ({covered}/{lines.Count}), branches {branchRate:0.0}% ({branchesCovered}/{branches}){(floor is { } x ? $", floor {x:0.#}%" : "")}"));
    table.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| {project} | {covered}/{lines.Count} | {lineRate:0.0} % | {branchesCovered}/{branches} | {branchRate:0.0} % | {(floor is { } y ? $"{y:0.#} %" : "")} |"));
    if (floor is { } min && lineRate < min)
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"{project} line coverage {lineRate:0.0}% is below its floor {min:0.#}%"));
    }
}

foreach (var (project, _) in floors.Where(f => !projects.ContainsKey(f.Key)))
{
    failures.Add($"{project} has a floor but no coverage was collected for it");
}

var markdown = File.Exists(args[1]) ? File.ReadAllText(args[1]) : "";
const string Begin = "<!-- coverage:begin -->";
const string End = "<!-- coverage:end -->";
var generated = $"{Begin}\n{table}{End}";
markdown = markdown.Contains(Begin, StringComparison.Ordinal) && markdown.Contains(End, StringComparison.Ordinal)
    ? markdown[..markdown.IndexOf(Begin, StringComparison.Ordinal)] + generated + markdown[(markdown.IndexOf(End, StringComparison.Ordinal) + End.Length)..]
    : markdown + "\n" + generated + "\n";
File.WriteAllText(args[1], markdown);

foreach (var failure in failures)
{
    Console.WriteLine($"[coverage] FAIL: {failure}");
}

return failures.Count == 0 ? 0 : 1;

// Coverlet names a package after its assembly: PrivateLending.Grains -> Grains (the folder under src/).
static string ProjectName(string assembly) =>
    assembly.StartsWith("PrivateLending.", StringComparison.Ordinal) ? assembly["PrivateLending.".Length..] : assembly;

static double Percent(long part, long whole) => whole == 0 ? 100 : 100.0 * part / whole;

internal readonly record struct LineCoverage(bool Hit, int BranchesCovered, int Branches)
{
    public LineCoverage Merge(LineCoverage other) =>
        new(Hit || other.Hit, Math.Max(BranchesCovered, other.BranchesCovered), Math.Max(Branches, other.Branches));
}
