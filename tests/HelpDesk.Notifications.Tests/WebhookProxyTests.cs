using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

/// <summary>Changes the process-wide default proxy, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(ProcessWideProxy), DisableParallelization = true)]
public sealed class ProcessWideProxy;

[Collection(nameof(ProcessWideProxy))]
public sealed class WebhookProxyTests
{
    [Fact]
    public async Task A_configured_proxy_is_not_used_so_the_guard_vets_the_target_itself()
    {
        await using var target = await WebhookReceiver.StartAsync("whsec_test_secret_0002");
        await using var proxy = await WebhookReceiver.StartAsync("whsec_test_secret_0002");
        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new System.Net.WebProxy(new Uri(proxy.Url.GetLeftPart(UriPartial.Authority))) { BypassProxyOnLocal = false };
        try
        {
            var options = new StaticNotificationsOptions(new NotificationsOptions { Webhooks = { AllowPrivateTargets = true } });
            using var sender = new WebhookSender(options, TimeProvider.System);
            var delivery = new Delivery { Id = Guid.NewGuid(), EventType = "ticket.submitted", Recipient = "webhook:x", Body = "{}" };

            var result = await sender.SendAsync(delivery, new WebhookEndpoint { Url = target.Url.ToString(), Secret = target.Secret }, TestContext.Current.CancellationToken);

            Assert.True(result.Success, result.Error);
            Assert.Single(target.Requests);
            Assert.Empty(proxy.Requests);
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
