using System.Net;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.Extensions.Options;

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
    public void Private_and_special_addresses_are_refused(string address) =>
        Assert.False(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(SsrfGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Sender_refuses_a_loopback_target_at_connect_time_when_private_targets_are_not_allowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test_secret_0001");
        var options = new StaticOptions(new NotificationsOptions { Webhooks = { AllowPrivateTargets = false } });
        using var sender = new WebhookSender(options, TimeProvider.System);
        var delivery = new Delivery { Id = Guid.NewGuid(), EventType = "ticket.submitted", Recipient = "webhook:x", Body = "{}" };
        // The endpoint name is a host name that resolves to loopback: the guard must act after DNS, not on the URL text.
        var endpoint = new WebhookEndpoint { Url = $"http://localhost:{receiver.Url.Port}/hooks", Secret = receiver.Secret };

        var result = await sender.SendAsync(delivery, endpoint, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    private sealed class StaticOptions(NotificationsOptions value) : IOptionsMonitor<NotificationsOptions>
    {
        public NotificationsOptions CurrentValue => value;

        public NotificationsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<NotificationsOptions, string?> listener) => null;
    }
}
