namespace HelpDesk.Routing.Domain;

/// <summary>Waiting for an earlier step, open for its team, done, or cancelled with its request.</summary>
public enum FulfilmentTaskStatus { Waiting, Open, Done, Cancelled }
