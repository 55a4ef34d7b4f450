namespace HelpDesk.Sla.Infrastructure;

public readonly record struct ScanResult(int Due, int Fired);
