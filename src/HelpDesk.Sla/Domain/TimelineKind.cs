namespace HelpDesk.Sla.Domain;

public enum TimelineKind { Started, Paused, Resumed, Met, Stopped, Restarted, PolicyChanged, Warning, Breached }
