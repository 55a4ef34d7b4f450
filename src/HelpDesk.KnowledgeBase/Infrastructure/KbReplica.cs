namespace HelpDesk.KnowledgeBase.Infrastructure;

/// <summary>This replica's identity: names its own article-event queue so every replica sees every change.</summary>
public sealed class KbReplica
{
    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
}
