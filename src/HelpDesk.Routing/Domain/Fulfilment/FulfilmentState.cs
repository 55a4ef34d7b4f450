namespace HelpDesk.Routing.Domain;

/// <summary>Where a request's fulfilment stands: not started, automation pending, tasks running, done, or automation failed (a person has it).</summary>
public enum FulfilmentState { None, Automating, Tasks, Manual, Fulfilled, AutomationFailed }
