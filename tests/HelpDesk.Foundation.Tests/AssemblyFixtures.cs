using HelpDesk.Testing.Infrastructure;

// One private RabbitMQ node and one PostgreSQL cluster for the whole assembly; each test takes its own vhost/database.
[assembly: AssemblyFixture(typeof(RabbitMqFixture))]
[assembly: AssemblyFixture(typeof(PostgresFixture))]
