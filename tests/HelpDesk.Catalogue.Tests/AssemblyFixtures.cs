using HelpDesk.Testing.Infrastructure;

// One private RabbitMQ node and one PostgreSQL cluster for the assembly; each test takes its own vhost and databases.
[assembly: AssemblyFixture(typeof(RabbitMqFixture))]
[assembly: AssemblyFixture(typeof(PostgresFixture))]
