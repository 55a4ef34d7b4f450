using HelpDesk.Testing.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
