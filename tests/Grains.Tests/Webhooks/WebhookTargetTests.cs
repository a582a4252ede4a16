using System.Net;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Tests.Webhooks;

/// <summary>The forgery guard's address rule and its registration-time check.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("224.0.0.1")]
    public void IsAllowed_LocalOrPrivateAddress_Refused(string address) =>
        Assert.False(WebhookAddressRule.IsAllowed(IPAddress.Parse(address), allowLoopback: false, allowPrivate: false));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void IsAllowed_PublicAddress_Allowed(string address) =>
        Assert.True(WebhookAddressRule.IsAllowed(IPAddress.Parse(address), allowLoopback: false, allowPrivate: false));

    [Fact]
    public void IsAllowed_SettingsAllowLoopbackAndPrivate_LinkLocalStillRefused()
    {
        Assert.True(WebhookAddressRule.IsAllowed(IPAddress.Loopback, allowLoopback: true, allowPrivate: false));
        Assert.True(WebhookAddressRule.IsAllowed(IPAddress.Parse("10.0.0.1"), allowLoopback: false, allowPrivate: true));
        Assert.False(WebhookAddressRule.IsAllowed(IPAddress.Parse("169.254.169.254"), allowLoopback: true, allowPrivate: true));
    }

    [Theory]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("https://user:pw@hooks.example.com/")]
    [InlineData("/relative")]
    public void Check_RefusedUrl_IsValidationErrorOnUrl(string url)
    {
        var refused = Assert.Throws<DomainException>(() => WebhookTargets.Check(url, new WebhookOptions()));

        Assert.Equal(DomainErrorCode.Validation, refused.Code);
        Assert.True(refused.Errors!.ContainsKey("url"));
    }

    [Fact]
    public void Check_LoopbackAllowed_AcceptsLocalReceiver() =>
        Assert.Equal("http://127.0.0.1:5005/hook", WebhookTargets.Check("http://127.0.0.1:5005/hook", new WebhookOptions { AllowLoopback = true }).AbsoluteUri);
}
