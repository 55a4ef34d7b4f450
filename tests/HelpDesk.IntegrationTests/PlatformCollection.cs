namespace HelpDesk;

/// <summary>
/// Tests that run a whole platform (the AppHost with DCP, RabbitMQ, PostgreSQL and a process per service) take turns:
/// side by side on a small machine they only starve each other into timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection
{
    public const string Name = "Whole platform";
}
