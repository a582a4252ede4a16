using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PrivateLending.Silo.Hosting;

namespace PrivateLending.Silo.Tests.Hosting;

public sealed class DashboardBasicAuthenticationTests
{
    private static readonly DashboardSettings Protected = new() { Host = "0.0.0.0", Username = "ops", Password = "a-long-enough-secret" };

    [Fact]
    public async Task Invoke_NoCredentialsConfigured_PassesThrough()
    {
        var (status, reached) = await SendAsync(new DashboardSettings(), authorization: null);

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic b3BzOndyb25n")] // ops:wrong
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    public async Task Invoke_ProtectedAndWrongOrMissingCredentials_Answers401(string? authorization)
    {
        var (status, reached) = await SendAsync(Protected, authorization);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status401Unauthorized, status);
    }

    [Fact]
    public async Task Invoke_ProtectedAndRightCredentials_PassesThrough()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:a-long-enough-secret"));

        var (status, reached) = await SendAsync(Protected, header);

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, status);
    }

    private static async Task<(int Status, bool Reached)> SendAsync(DashboardSettings settings, string? authorization)
    {
        var reached = false;
        var middleware = new DashboardBasicAuthentication(_ => { reached = true; return Task.CompletedTask; }, Options.Create(settings));
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        await middleware.InvokeAsync(context);
        return (context.Response.StatusCode, reached);
    }
}
