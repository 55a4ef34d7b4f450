namespace HelpDesk.Messaging.Inbox;

/// <summary>A message older than the inbox retention: whether it was handled before can no longer be told, so it is not handled.</summary>
public sealed class ReplayWindowExceededException(string message) : Exception(message);
