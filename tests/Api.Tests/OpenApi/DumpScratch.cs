using PrivateLending.Api.Tests.Infrastructure;
namespace PrivateLending.Api.Tests.OpenApi;
[Collection(SharedApi.Name)]
public sealed class DumpScratch(ApiFixture fixture)
{
    [Fact]
    public async Task Dump() => await File.WriteAllTextAsync("/tmp/openapi.json", (await fixture.Client.GetAsync("/openapi/v1.json")).Body);
}
