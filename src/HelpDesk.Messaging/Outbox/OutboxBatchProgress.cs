namespace HelpDesk.Messaging.Outbox;

/// <summary>How far publishing a claim got: the first <see cref="Published"/> rows are done, then <see cref="Failure"/> (if any) stopped it.</summary>
internal readonly record struct OutboxBatchProgress(int Published, Exception? Failure);
