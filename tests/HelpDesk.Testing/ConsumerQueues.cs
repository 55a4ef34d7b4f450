using HelpDesk.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HelpDesk.Testing;

/// <summary>
/// Queue and inbox names are part of a deployment: a RabbitMQ queue that is renamed strands the messages in the old
/// one, and an inbox consumer name that changes forgets which messages were handled. This sends a message straight to
/// a named queue and waits until the named consumer recorded it in the service's inbox.
/// </summary>
public static class ConsumerQueues
{
    public static async Task AssertConsumedAsync<TDb>(ServiceTestHost host, string queue, string consumer, object message)
        where TDb : ServiceDbContext
    {
        var messageId = NewId.NextGuid();
        var endpoint = await host.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(context => context.MessageId = messageId), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(
            () => host.InScopeAsync(services => services.GetRequiredService<TDb>().InboxMessages.AsNoTracking()
                .AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer)),
            what: $"{message.GetType().Name} sent to queue '{queue}' handled by inbox consumer '{consumer}'");
    }
}
