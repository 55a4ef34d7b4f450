using System.Net;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

public sealed class SsrfGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64: the translator is ours, whatever it embeds
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:101::")] // 6to4 of 192.168.1.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("2001:db8::1")] // documentation
    [InlineData("2001:2::1")] // benchmarking
    [InlineData("100::1")] // discard-only
    [InlineData("192.0.2.10")] // documentation
    [InlineData("203.0.113.7")]
    public void Private_and_special_addresses_are_refused(string address) =>
        Assert.False(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // well-known NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    [InlineData("2a00:1450:4001:80b::200e")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Sender_refuses_a_loopback_target_at_connect_time_when_private_targets_are_not_allowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test_secret_0001");
        var options = new StaticNotificationsOptions(new NotificationsOptions { Webhooks = { AllowPrivateTargets = false } });
        using var sender = new WebhookSender(options, TimeProvider.System);
        var delivery = new Delivery { Id = Guid.NewGuid(), EventType = "ticket.submitted", Recipient = "webhook:x", Body = "{}" };
        // The endpoint name is a host name that resolves to loopback: the guard must act after DNS, not on the URL text.
        var endpoint = new WebhookEndpoint { Url = $"http://localhost:{receiver.Url.Port}/hooks", Secret = receiver.Secret };

        var result = await sender.SendAsync(delivery, endpoint, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
        Assert.True(result.Permanent, "a refused target is dead-lettered at once, retrying cannot help");
        Assert.Empty(receiver.Requests);
    }
}
