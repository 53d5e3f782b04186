namespace ReviewPortal.Infrastructure.Postgres;

/// <summary>No PostgreSQL server binaries on this machine; the message says what to install.</summary>
public sealed class PostgresNotInstalledException(string message) : Exception(message);
