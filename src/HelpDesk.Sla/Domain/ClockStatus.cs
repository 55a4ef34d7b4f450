namespace HelpDesk.Sla.Domain;

public enum ClockStatus { Running, Paused, Met, Stopped }
