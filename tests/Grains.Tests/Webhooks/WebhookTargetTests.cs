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
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:a9fe:a9fe::")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::169.254.169.254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("192.0.0.170")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.254")]
    [InlineData("64:ff9b:1::a00:1")]
    public void IsAllowed_AddressEmbeddingOrBeingAReservedIpv4_Refused(string address) =>
        Assert.False(WebhookAddressRule.IsAllowed(IPAddress.Parse(address), allowLoopback: false, allowPrivate: false));

    [Theory]
    [InlineData("64:ff9b::5db8:d822")]
    [InlineData("2002:5db8:d822::1")]
    [InlineData("198.20.0.1")]
    [InlineData("192.0.1.1")]
    public void IsAllowed_EmbeddedPublicIpv4OrNeighbourOfReservedRange_Allowed(string address) =>
        Assert.True(WebhookAddressRule.IsAllowed(IPAddress.Parse(address), allowLoopback: false, allowPrivate: false));

    [Theory]
    [InlineData("http://[64:ff9b::7f00:1]/hook")]
    [InlineData("http://[2002:a9fe:a9fe::]/latest/meta-data")]
    [InlineData("http://[::ffff:a9fe:a9fe]/latest/meta-data")]
    [InlineData("http://198.18.0.1/hook")]
    public void Check_EmbeddedLocalAddress_IsValidationErrorOnUrl(string url) =>
        Assert.True(Assert.Throws<DomainException>(() => WebhookTargets.Check(url, new WebhookOptions())).Errors!.ContainsKey("url"));

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
