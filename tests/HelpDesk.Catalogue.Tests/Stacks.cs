using HelpDesk.Testing.Stacks;

namespace HelpDesk.Catalogue.Tests;

/// <summary>
/// The stacks a theory runs on. In the PostgreSQL + RabbitMQ pass (HELPDESK_TEST_STACK=postgres) the SqliteInMemory
/// case itself runs on PostgreSQL + RabbitMQ, and the PostgresRabbitMq case would repeat unchanged what the default
/// pass ran, so that pass runs the first case only.
/// </summary>
public static class Stacks
{
    public static TheoryData<Stack> Each => TestStack.IsPostgresRabbitMq ? [Stack.SqliteInMemory] : [Stack.SqliteInMemory, Stack.PostgresRabbitMq];
}
