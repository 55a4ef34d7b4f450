using MassTransit;

namespace HelpDesk.Messaging;

public static class NamedConsumerExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> on the queue a consumer class called <paramref name="name"/> gets
    /// by default (kebab-case, e.g. StartSlaClocks → start-sla-clocks). For generic consumers, whose default queue
    /// would be named after the message: a queue's name is part of a deployment (renaming it strands what waits in
    /// the old one), so it stays the name of the class the generic consumer replaced.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string name)
        where TConsumer : class, IConsumer
    {
        var registration = bus.AddConsumer<TConsumer>();
        registration.Endpoint(endpoint => endpoint.Name = KebabCaseEndpointNameFormatter.Instance.SanitizeName(name));
        return registration;
    }
}
