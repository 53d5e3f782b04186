namespace ReviewPortal.Infrastructure.Postgres;

/// <summary>Settings of the embedded default cluster (section "LocalPostgres").</summary>
public sealed class LocalPostgresOptions
{
    public const string Section = "LocalPostgres";

    /// <summary>Cluster directory; default <c>.data/postgres</c> at the repository root.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Directory with initdb/pg_ctl; default: the newest /usr/lib/postgresql/*/bin, else PATH.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at first start and keeps it.</summary>
    public int Port { get; set; }

    public string Database { get; set; } = "reviewportal";

    /// <summary>Throwaway clusters (tests) trade durability for speed: fsync and synchronous commit off.</summary>
    public bool Throwaway { get; set; }
}
