namespace HelpDesk.Messaging.Outbox;

/// <summary>The broker did not take an outbox row; the dispatcher waits a poll interval and tries again from that row.</summary>
public sealed class OutboxPublishException(string message, Exception? inner) : Exception(message, inner);
