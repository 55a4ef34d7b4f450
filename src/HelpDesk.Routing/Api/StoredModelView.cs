namespace HelpDesk.Routing.Api;

/// <summary>One model activated on this desk, as kept in routing's database (the newest is the one in use).</summary>
public sealed record StoredModelView(Guid Id, DateTimeOffset ActivatedAt, string Source, double? ValidationAccuracy, bool Active);
