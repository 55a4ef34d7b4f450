namespace HelpDesk.Messaging.Topology;

/// <summary>A durable consumer queue (named as MassTransit names the endpoint) and the event types bound to it.</summary>
public sealed record ConsumerQueue(string Name, IReadOnlyList<Type> Messages);
