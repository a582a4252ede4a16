using System.Text.RegularExpressions;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;

namespace PrivateLending.Api.Tests.OpenApi;

/// <summary>
/// A client generated from the live document by a standard generator (openapi-typescript, with openapi-fetch as
/// transport) must compile under TypeScript's strictest settings and run the whole marketplace flow against the
/// API. The generator and compiler are pinned in GeneratedClient/package-lock.json and installed on first use.
/// </summary>
[Collection(SharedApi.Name)]
public sealed partial class GeneratedClientTests(ApiFixture fixture)
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "Api.Tests", "GeneratedClient");
    private static readonly NpmFolder Packages = new(Folder, Path.Combine(Folder, "node_modules", "typescript", "bin", "tsc"));

    [Fact]
    public async Task TypeScriptClient_FromLiveDocument_CompilesStrictAndRunsTheWholeFlow()
    {
        await Packages.EnsureInstalledAsync();
        var document = await fixture.Client.GetAsync("/openapi/v1.json");
        var generated = Directory.CreateDirectory(Path.Combine(Folder, "generated"));
        await File.WriteAllTextAsync(Path.Combine(generated.FullName, "openapi.json"), document.Body);
        Directory.CreateDirectory(Path.Combine(Folder, "out")).Delete(recursive: true);

        await NodeAsync("node_modules/openapi-typescript/bin/cli.js", "generated/openapi.json", "--output", "generated/api.ts");
        await NodeAsync("node_modules/typescript/bin/tsc", "--project", ".");
        // Like a user, the test opens every verification link the flow's sign-ups are sent, signed in as the registrant.
        using var stop = new CancellationTokenSource();
        var opener = OpenVerificationLinksAsync(stop.Token);
        var flow = await NodeAsync("out/flow.js", fixture.Api.BaseAddress.ToString().TrimEnd('/'));
        await stop.CancelAsync();
        await opener;

        Assert.Contains("flow ok", flow, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_UsesNoCastsOrNonNullAssertions()
    {
        var code = LineComment().Replace(File.ReadAllText(Path.Combine(Folder, "flow.ts")), "");

        Assert.DoesNotMatch(Cast(), code);
        Assert.DoesNotMatch(NonNullAssertion(), code);
        Assert.DoesNotMatch(Any(), code);
    }

    private async Task OpenVerificationLinksAsync(CancellationToken stop)
    {
        var opened = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            foreach (var (to, token) in TestMailbox.Instance.VerificationLinks().Where(l => opened.Add(l.Token)))
            {
                var login = await fixture.Client.PostAsync("/api/v1/auth/login",
                    new System.Text.Json.Nodes.JsonObject { ["email"] = to, ["password"] = TestApi.Password });
                if (login.Status == System.Net.HttpStatusCode.OK)
                {
                    await fixture.Client.PostAsync("/api/v1/auth/verify-email", new System.Text.Json.Nodes.JsonObject { ["token"] = token },
                        login.Json["access_token"]!.GetValue<string>());
                }
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task<string> NodeAsync(params string[] arguments)
    {
        var (exitCode, output) = await ToolProcess.RunAsync("node", Folder, arguments, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"node {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bas\s+[\w{\[(]|<\w+>\s*\w")]
    private static partial Regex Cast();

    [GeneratedRegex(@"[\w\])]!(?!=)")]
    private static partial Regex NonNullAssertion();

    [GeneratedRegex(@"\bany\b")]
    private static partial Regex Any();
}
