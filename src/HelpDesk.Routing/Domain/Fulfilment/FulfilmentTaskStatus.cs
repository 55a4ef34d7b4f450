namespace HelpDesk.Routing.Domain;

/// <summary>Waiting for an earlier step, open for its team, or done.</summary>
public enum FulfilmentTaskStatus { Waiting, Open, Done }
