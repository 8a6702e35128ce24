using Clauses.Api.Data;
using Clauses.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clauses.Api.Tests.Data;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private string _database = "";
    private string Owner => new NpgsqlConnectionStringBuilder(TestPostgres.For(_database, "clauses_owner")) { Pooling = false }.ConnectionString;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateEmptyAsync();
    public Task DisposeAsync() => TestPostgres.DropAsync(_database);

    [Fact]
    public async Task Migrations_apply_from_empty_then_rerun_applies_nothing()
    {
        var first = await MigrationRunner.RunAsync(Owner, NullLogger.Instance);
        Assert.Equal(MigrationRunner.Embedded().Select(m => m.Name), first);
        Assert.True(first.Count >= 7);

        var second = await MigrationRunner.RunAsync(Owner, NullLogger.Instance);
        Assert.Empty(second);

        await using var conn = new NpgsqlConnection(Owner);
        Assert.Equal(first.Count, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT to_regclass('hour_records') IS NOT NULL"));
    }

    [Fact]
    public async Task Two_instances_migrating_at_once_apply_each_migration_once()
    {
        var results = await Task.WhenAll(
            MigrationRunner.RunAsync(Owner, NullLogger.Instance),
            MigrationRunner.RunAsync(Owner, NullLogger.Instance));

        // The advisory lock serialises them: one applies everything, the other finds nothing to do.
        Assert.Equal(MigrationRunner.Embedded().Count, results.Sum(r => r.Count));
        Assert.Contains(results, r => r.Count == 0);
    }

    [Fact]
    public async Task A_migration_edited_after_being_applied_stops_the_start()
    {
        await MigrationRunner.RunAsync(Owner, NullLogger.Instance);
        await using (var conn = new NpgsqlConnection(Owner))
            await conn.ExecuteAsync("UPDATE schema_migrations SET checksum = 'changed' WHERE version = '0003'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrationRunner.RunAsync(Owner, NullLogger.Instance));
        Assert.Contains("0003", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_are_numbered_in_order_without_gaps()
    {
        var versions = MigrationRunner.Embedded().Select(m => int.Parse(m.Version, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
