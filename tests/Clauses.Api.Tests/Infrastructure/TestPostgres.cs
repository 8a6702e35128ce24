using Clauses.Api.Data;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clauses.Api.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server that scripts/test.sh starts (CLAUSES_TEST_PG: a superuser connection
/// string). Migrations run once into a template database; each test class then gets its own copy.
/// </summary>
public static class TestPostgres
{
    private const string TemplateName = "clauses_test_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CLAUSES_TEST_PG")
        ?? throw new InvalidOperationException("CLAUSES_TEST_PG is not set: run the tests with ./scripts/test.sh, which starts PostgreSQL.");

    public static string For(string database, string role) => new NpgsqlConnectionStringBuilder(AdminConnectionString)
    {
        Database = database,
        Username = role,
        Password = role == "clauses_app" ? "clauses_app_test" : "clauses_owner_test",
    }.ConnectionString;

    /// <summary>An empty database owned by clauses_owner (no migration applied).</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await AdminExecuteAsync($"CREATE DATABASE {name} OWNER clauses_owner");
        return name;
    }

    /// <summary>A database with every migration applied, copied from the template.</summary>
    public static async Task<string> CreateMigratedAsync()
    {
        await EnsureTemplateAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await AdminExecuteAsync($"CREATE DATABASE {name} TEMPLATE {TemplateName} OWNER clauses_owner");
        return name;
    }

    public static Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        return AdminExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_templateReady) return;
            await AdminExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
            await AdminExecuteAsync($"CREATE DATABASE {TemplateName} OWNER clauses_owner");
            var owner = new NpgsqlConnectionStringBuilder(For(TemplateName, "clauses_owner")) { Pooling = false }.ConnectionString;
            await MigrationRunner.RunAsync(owner, NullLogger.Instance);
            _templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task AdminExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await conn.ExecuteAsync(sql);
    }
}

/// <summary>A fresh migrated database for one test class (IClassFixture).</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string Name { get; private set; } = "";
    public string OwnerConnectionString => TestPostgres.For(Name, "clauses_owner");
    public string AppConnectionString => TestPostgres.For(Name, "clauses_app");

    public async Task InitializeAsync() => Name = await TestPostgres.CreateMigratedAsync();

    public Task DisposeAsync() => TestPostgres.DropAsync(Name);
}
