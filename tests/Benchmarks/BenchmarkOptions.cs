using System.Globalization;

namespace PrivateLending.Benchmarks;

/// <summary>Command-line settings. Every size has a full default and a small <c>--smoke</c> default.</summary>
internal sealed class BenchmarkOptions
{
    public static readonly string[] AllScenarios = ["http-noop", "get-me", "my-loans", "add-lenders", "accept", "mixed", "hot-loan", "scale", "sse-fanout", "cluster", "history", "repay", "documents"];

    public List<string> Scenarios { get; } = [];

    public bool Smoke { get; private set; }

    public double DurationSeconds { get; private set; } = 20;

    public double WarmupSeconds { get; private set; } = 5;

    public int Concurrency { get; private set; } = 64;

    public string? JsonPath { get; private set; }

    public string? MarkdownPath { get; private set; }

    public bool Build { get; private set; } = true;

    public bool Baseline { get; private set; } = true;

    public bool KeepWorkDir { get; private set; }

    /// <summary>Only dynalite and the seed baseline (no silo, no API): measures the baseline alone.</summary>
    public bool BaselineOnly { get; private set; }

    /// <summary>How many requests seeding sends at once.</summary>
    public int SeedConcurrency { get; private set; } = 24;

    /// <summary>Warm my-loans: borrowers with 10 loans × 3 lenders each, read round-robin by the workers.</summary>
    public int Borrowers { get; private set; } = 16;

    /// <summary>Cold my-loans: borrowers of the same shape whose first page is read once, right after a silo restart.</summary>
    public int ColdBorrowers { get; private set; } = 64;

    /// <summary>add-lenders: loans seeded with 50 participants each; requests go round-robin over them.</summary>
    public int AddLenderLoans { get; private set; } = 400;

    /// <summary>accept: loans with 20 pending invitations each (the pool of acceptances).</summary>
    public int AcceptLoans { get; private set; } = 300;

    /// <summary>hot-loan: loans of 50 pending invitations and room for 45 additions, written to one after another.</summary>
    public int HotLoans { get; private set; } = 80;

    /// <summary>repay: disbursed loans per lender count (20 and 100 lenders each).</summary>
    public int RepayLoans { get; private set; } = 20;

    /// <summary>repay: repayments available per loan (each far below what the loan owes).</summary>
    public int RepaymentsPerLoan { get; private set; } = 300;

    /// <summary>mixed: borrowers (5 loans × 3 lenders each) and lenders.</summary>
    public int MixedBorrowers { get; private set; } = 40;

    /// <summary>sse-fanout: open event streams (10 per watched loan).</summary>
    public int SseConnections { get; private set; } = 500;

    public int MixedLenders { get; private set; } = 80;

    public int ScaleSmall { get; private set; } = 100;

    public int ScaleLarge { get; private set; } = 10_000;

    /// <summary>history: loans of 500 changes whose every page is read warm, and loans whose oldest page is read cold.</summary>
    public int HistoryLoans { get; private set; } = 8;

    public int HistoryColdLoans { get; private set; } = 16;

    /// <summary>Extra environment for the API process (KEY=VALUE), e.g. to switch a feature off for an elimination run.</summary>
    public Dictionary<string, string> ApiEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra environment for the silo process (KEY=VALUE).</summary>
    public Dictionary<string, string> SiloEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Directory for CPU-sample traces (dotnet-trace) of the API and the silo during each measured run of ours.</summary>
    public string? TraceDirectory { get; private set; }

    /// <summary>The dotnet-trace executable (default: dotnet-trace on PATH or in ~/.dotnet/tools).</summary>
    public string TraceTool { get; private set; } = "dotnet-trace";

    /// <summary>Send Accept-Encoding: gzip (the API compresses responses over 1 KB). Off by default on loopback.</summary>
    public bool Compression { get; private set; }

    /// <summary>A/B mode: a commit or a checkout directory to measure against this one, in interleaved rounds.</summary>
    public string? CompareWith { get; private set; }

    /// <summary>A/B mode: rounds per side.</summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>The checkout whose silo and API are measured (default: this one); the A/B mode sets it for each side.</summary>
    public string? SystemRoot { get; private set; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        var explicitly = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            int Integer() => int.Parse(Next(), CultureInfo.InvariantCulture);
            explicitly.Add(arg);
            switch (arg)
            {
                case "--scenario":
                    foreach (var name in Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (name == "all")
                        {
                            options.Scenarios.AddRange(AllScenarios);
                        }
                        else if (AllScenarios.Contains(name))
                        {
                            options.Scenarios.Add(name);
                        }
                        else
                        {
                            throw new ArgumentException($"unknown scenario '{name}'; known: all, {string.Join(", ", AllScenarios)}");
                        }
                    }

                    break;
                case "--duration": options.DurationSeconds = Number(); break;
                case "--warmup": options.WarmupSeconds = Number(); break;
                case "--concurrency": options.Concurrency = Integer(); break;
                case "--json": options.JsonPath = Next(); break;
                case "--markdown": options.MarkdownPath = Next(); break;
                case "--smoke": options.Smoke = true; break;
                case "--no-build": options.Build = false; break;
                case "--no-baseline": options.Baseline = false; break;
                case "--keep": options.KeepWorkDir = true; break;
                case "--baseline-only": options.BaselineOnly = true; break;
                case "--compression": options.Compression = true; break;
                case "--trace": options.TraceDirectory = Path.GetFullPath(Next()); break;
                case "--trace-tool": options.TraceTool = Next(); break;
                case "--api-env": AddPair(options.ApiEnvironment, Next()); break;
                case "--silo-env": AddPair(options.SiloEnvironment, Next()); break;
                case "--seed-concurrency": options.SeedConcurrency = Integer(); break;
                case "--borrowers": options.Borrowers = Integer(); break;
                case "--cold-borrowers": options.ColdBorrowers = Integer(); break;
                case "--add-lender-loans": options.AddLenderLoans = Integer(); break;
                case "--accept-loans": options.AcceptLoans = Integer(); break;
                case "--hot-loans": options.HotLoans = Integer(); break;
                case "--repay-loans": options.RepayLoans = Integer(); break;
                case "--repayments-per-loan": options.RepaymentsPerLoan = Integer(); break;
                case "--mixed-borrowers": options.MixedBorrowers = Integer(); break;
                case "--mixed-lenders": options.MixedLenders = Integer(); break;
                case "--scale-small": options.ScaleSmall = Integer(); break;
                case "--scale-large": options.ScaleLarge = Integer(); break;
                case "--sse-connections": options.SseConnections = Integer(); break;
                case "--history-loans": options.HistoryLoans = Integer(); break;
                case "--history-cold-loans": options.HistoryColdLoans = Integer(); break;
                case "--compare": options.CompareWith = Next(); break;
                case "--rounds": options.Rounds = Integer(); break;
                case "--system-root": options.SystemRoot = Path.GetFullPath(Next()); break;
                case "-h" or "--help": throw new HelpRequestedException();
                default: throw new ArgumentException($"unknown option '{arg}' (try --help)");
            }
        }

        if (options.Scenarios.Count == 0)
        {
            options.Scenarios.AddRange(AllScenarios);
        }

        if (options.Smoke)
        {
            // Small everything unless given explicitly: proves the harness end to end in about two minutes.
            if (!explicitly.Contains("--duration")) { options.DurationSeconds = 2; }
            if (!explicitly.Contains("--warmup")) { options.WarmupSeconds = 1; }
            if (!explicitly.Contains("--concurrency")) { options.Concurrency = 8; }
            if (!explicitly.Contains("--borrowers")) { options.Borrowers = 2; }
            if (!explicitly.Contains("--cold-borrowers")) { options.ColdBorrowers = 4; }
            if (!explicitly.Contains("--add-lender-loans")) { options.AddLenderLoans = 30; }
            if (!explicitly.Contains("--accept-loans")) { options.AcceptLoans = 30; }
            if (!explicitly.Contains("--hot-loans")) { options.HotLoans = 6; }
            if (!explicitly.Contains("--repay-loans")) { options.RepayLoans = 2; }
            if (!explicitly.Contains("--mixed-borrowers")) { options.MixedBorrowers = 4; }
            if (!explicitly.Contains("--mixed-lenders")) { options.MixedLenders = 8; }
            if (!explicitly.Contains("--scale-small")) { options.ScaleSmall = 20; }
            if (!explicitly.Contains("--scale-large")) { options.ScaleLarge = 200; }
            if (!explicitly.Contains("--sse-connections")) { options.SseConnections = 50; }
            if (!explicitly.Contains("--history-loans")) { options.HistoryLoans = 1; }
            if (!explicitly.Contains("--history-cold-loans")) { options.HistoryColdLoans = 2; }
        }

        if (options.BaselineOnly && !options.Baseline)
        {
            throw new ArgumentException("--baseline-only and --no-baseline exclude each other");
        }

        if (options.CompareWith is not null && (options.Rounds < 1 || options.SystemRoot is not null || options.BaselineOnly))
        {
            throw new ArgumentException("--compare needs --rounds >= 1 and excludes --system-root and --baseline-only");
        }

        if (options.DurationSeconds <= 0 || options.WarmupSeconds < 0 || options.Concurrency < 1 || options.SeedConcurrency < 1)
        {
            throw new ArgumentException("--duration must be > 0, --warmup >= 0, --concurrency and --seed-concurrency >= 1");
        }

        return options;
    }

    private static void AddPair(Dictionary<string, string> target, string pair)
    {
        var split = pair.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new ArgumentException($"expected KEY=VALUE, got '{pair}'");
        }

        target[pair[..split]] = pair[(split + 1)..];
    }

    public const string Usage = """
        PrivateLending benchmark harness (issue 4). Starts dynalite, the silo and the API on free loopback ports, seeds
        data through the API, and drives HTTP load; the seed baseline runs in-process on the same dynalite.

          dotnet run -c Release --project tests/Benchmarks -- [options]

          --scenario NAME[,NAME]   all | http-noop | get-me | my-loans | add-lenders | accept | mixed | hot-loan
                                   | scale | sse-fanout | cluster | history | repay | documents
                                   (default all)
          --duration S             measured seconds per run (default 20; smoke 2)
          --warmup S               warm-up seconds before each measured run (default 5; smoke 1)
          --concurrency N          concurrent HTTP clients (default 64; smoke 8)
          --json FILE              write the results as JSON
          --markdown FILE          write the results table as Markdown
          --smoke                  2 s per scenario, small seeds: proves the harness end to end
          --no-build               do not build the silo and the API (Release) first
          --no-baseline            skip the seed baseline runs
          --baseline-only          only dynalite + the seed baseline (http-noop, my-loans, add-lenders)
          --compression            send Accept-Encoding: gzip (off by default)
          --keep                   keep the work directory (dynalite data, process logs)
          --compare REF            A/B: measure this checkout against REF (a commit, built in a worktree, or a
                                   checkout directory) in interleaved rounds, both on this harness and this
                                   local DynamoDB; prints medians with their spread and this ÷ REF
          --rounds N               A/B rounds per side (default 3; the order alternates every round)
          --system-root DIR        measure the silo and the API of the checkout in DIR (default: this one)
          --trace DIR              sample the API's and the silo's stacks (dotnet-trace, ~100 Hz) during each
                                   measured run of ours; writes .nettrace files and top-N reports to DIR
          --trace-tool PATH        the dotnet-trace executable (default: dotnet-trace)
          --api-env KEY=VALUE      extra environment for the API (repeatable), for elimination runs
          --silo-env KEY=VALUE     extra environment for the silo (repeatable)
          --seed-concurrency N     requests in flight while seeding (default 24)
          --borrowers N            warm my-loans borrowers (default 16)      --cold-borrowers N   (default 64)
          --add-lender-loans N     (default 400)    --accept-loans N (default 300)
          --mixed-borrowers N      (default 40)     --mixed-lenders N (default 80)
          --hot-loans N            hot-loan: loans written one after another by every client, 95 writes each
                                   (default 80; smoke 6)
          --scale-small N          (default 100)    --scale-large N (default 10000)
          --sse-connections N      sse-fanout: open event streams, 10 per watched loan (default 500; smoke 50)
          --history-loans N        history: warm loans of 500 changes (default 8; smoke 1)
          --history-cold-loans N   history: loans read once each after a silo restart (default 16; smoke 2)
          --repay-loans N          repay: disbursed loans per lender count, 20 and 100 lenders (default 20; smoke 2)
          --repayments-per-loan N  repay: repayments available per loan (default 300)
        """;
}

internal sealed class HelpRequestedException : Exception
{
    public HelpRequestedException()
        : base("help")
    {
    }
}
