using HelpDesk.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Inbox;

/// <summary>
/// Refuses a message written longer ago than the inbox retention (HelpDesk:Outbox:InboxRetention, at least the replay
/// window): its inbox row may already be deleted, so handling it could apply it a second time. The message goes to the
/// endpoint's <c>_error</c> queue at once (no retries) with the reason in its fault headers, and the refusal is logged.
/// </summary>
public sealed class ReplayWindowFilter<TMessage>(IOptions<OutboxOptions> options, ILogger<ReplayWindowFilter<TMessage>> logger)
    : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var window = options.Value.EffectiveInboxRetention;
        // The system clock, as the outbox stamps its rows with (a test's simulated clock moves only the domain's time).
        var now = DateTimeOffset.UtcNow;
        if (ReplayWindow.OriginOf(context) is { } origin && now - origin >= window)
        {
            MessagingMetrics.ReplaysRefused.Add(1);
            var reason = $"{typeof(TMessage).Name} {context.MessageId} was written at {ReplayWindow.Format(origin)}, {(now - origin).TotalHours:0.#} h ago, " +
                $"beyond the inbox retention of {window.TotalHours:0.#} h (HelpDesk:Outbox:InboxRetention): whether it was handled before can no longer " +
                "be told, so it is not handled again. Check its effect by hand (docs/operations.md, \"Replaying messages\").";
            logger.LogError("Refused a replay outside the replay window: {Reason}", reason);
            throw new ReplayWindowExceededException(reason);
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replayWindow");
}
