namespace HelpDesk.Routing.Domain;

/// <summary>
/// Where a request's fulfilment stands: not started, automation pending, tasks running, done, automation failed (a
/// person has it), or cancelled (the ticket closed first).
/// </summary>
public enum FulfilmentState { None, Automating, Tasks, Manual, Fulfilled, AutomationFailed, Cancelled }
