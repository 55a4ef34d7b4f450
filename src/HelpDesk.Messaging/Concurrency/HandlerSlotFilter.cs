using MassTransit;

namespace HelpDesk.Messaging.Concurrency;

/// <summary>
/// Takes one of the process's <see cref="HandlerSlots"/> for each delivery attempt (it sits inside the retry filter, so
/// a message waiting for its next retry holds no slot).
/// </summary>
public sealed class HandlerSlotFilter<TMessage>(HandlerSlots slots) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        if (slots.Unbounded)
        {
            await next.Send(context);
            return;
        }
        await slots.WaitAsync(context.CancellationToken);
        try
        {
            await next.Send(context);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("handlerSlots");
}
