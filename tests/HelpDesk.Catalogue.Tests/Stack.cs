namespace HelpDesk.Catalogue.Tests;

/// <summary>The two ways the platform runs: embedded (SQLite files, in-memory bus) and distributed (PostgreSQL, RabbitMQ).</summary>
public enum Stack { SqliteInMemory, PostgresRabbitMq }
