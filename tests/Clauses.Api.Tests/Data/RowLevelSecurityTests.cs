using Clauses.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Clauses.Api.Tests.Data;

/// <summary>The database itself keeps organisations apart, whatever SQL the API runs as clauses_app.</summary>
public sealed class RowLevelSecurityTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly TestData _data = new(db);
    private Guid _orgA, _orgB;

    public async Task InitializeAsync()
    {
        _orgA = await _data.OrganisationAsync("Organisation A");
        _orgB = await _data.OrganisationAsync("Organisation B");
        await _data.ContractAsync(_orgA, "A-" + Guid.NewGuid().ToString("N")[..8]);
        await _data.ContractAsync(_orgB, "B-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(NpgsqlConnection, NpgsqlTransaction)> AsAppAsync(Guid[] orgs, Guid[]? facilitatorOrgs = null)
    {
        var conn = new NpgsqlConnection(db.AppConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("""
            SELECT set_config('clauses.org_ids', @orgs, true), set_config('clauses.facilitator_org_ids', @fac, true)
            """, new { orgs = "{" + string.Join(',', orgs) + "}", fac = "{" + string.Join(',', facilitatorOrgs ?? []) + "}" }, tx);
        return (conn, tx);
    }

    [Fact]
    public async Task A_select_without_where_sees_only_the_callers_organisation()
    {
        var (conn, tx) = await AsAppAsync([_orgA]);
        await using var _ = conn;
        var orgs = (await conn.QueryAsync<Guid>("SELECT DISTINCT organisation_id FROM contracts", transaction: tx)).ToList();
        Assert.Equal([_orgA], orgs);
    }

    [Fact]
    public async Task A_raw_select_of_another_organisations_rows_returns_nothing()
    {
        var (conn, tx) = await AsAppAsync([_orgA]);
        await using var _ = conn;
        var count = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM contracts WHERE organisation_id = @_orgB", new { _orgB }, tx);
        Assert.Equal(0, count);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations WHERE id = @_orgB", new { _orgB }, tx));
    }

    [Fact]
    public async Task Without_tenancy_set_the_app_role_sees_no_rows()
    {
        await using var conn = new NpgsqlConnection(db.AppConnectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM contracts"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations"));
    }

    [Fact]
    public async Task Writing_a_row_into_another_organisation_is_refused()
    {
        var (conn, tx) = await AsAppAsync([_orgA]);
        await using var _ = conn;
        var error = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("""
            INSERT INTO contracts (organisation_id, reference, title, kind, category, amount_ht)
            VALUES (@_orgB, 'X-1', 'Intrusion', 'marche', 'travaux', 1)
            """, new { _orgB }, tx));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Updating_another_organisations_rows_changes_nothing()
    {
        var ownRows = await _data.ScalarAsync<int>("SELECT count(*)::int FROM contracts WHERE organisation_id = @_orgA", new { _orgA });
        var (conn, tx) = await AsAppAsync([_orgA]);
        await using var _ = conn;
        var changed = await conn.ExecuteAsync("UPDATE contracts SET title = 'piraté'", transaction: tx);
        await tx.CommitAsync();
        Assert.Equal(ownRows, changed);
        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM contracts WHERE title = 'piraté' AND organisation_id = @_orgB", new { _orgB }));
    }

    [Fact]
    public async Task The_app_role_is_neither_owner_nor_able_to_bypass_security()
    {
        await using var conn = new NpgsqlConnection(db.AppConnectionString);
        var (super, bypass) = await conn.QuerySingleAsync<(bool, bool)>("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
        Assert.False(super);
        Assert.False(bypass);
        Assert.NotEqual("clauses_app", await conn.ExecuteScalarAsync<string>("SELECT tableowner FROM pg_tables WHERE tablename = 'contracts'"));
    }

    [Fact]
    public async Task Every_table_with_organisation_id_has_row_level_security()
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        var unprotected = (await conn.QueryAsync<string>("""
            SELECT c.relname FROM pg_class c
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id'
             WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND NOT c.relrowsecurity
            """)).ToList();
        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task Participant_identities_are_readable_only_by_the_organisations_facilitators()
    {
        var participant = await _data.ScalarAsync<Guid>(
            "INSERT INTO participants (organisation_id, sex) VALUES (@_orgA, 'F') RETURNING id", new { _orgA });
        await _data.ScalarAsync<int>("""
            INSERT INTO participant_identities (participant_id, organisation_id, last_name, first_name, birth_date)
            VALUES (@participant, @_orgA, 'Martin', 'Léa', '1990-05-01') RETURNING 1
            """, new { participant, _orgA });

        var (buyer, buyerTx) = await AsAppAsync([_orgA]);
        await using (buyer)
        {
            Assert.Equal(1, await buyer.ExecuteScalarAsync<long>("SELECT count(*) FROM participants WHERE id = @participant", new { participant }, buyerTx));
            Assert.Equal(0, await buyer.ExecuteScalarAsync<long>("SELECT count(*) FROM participant_identities", transaction: buyerTx));
        }
        var (facilitator, facilitatorTx) = await AsAppAsync([_orgA], [_orgA]);
        await using (facilitator)
            Assert.Equal(1, await facilitator.ExecuteScalarAsync<long>("SELECT count(*) FROM participant_identities", transaction: facilitatorTx));
    }

    [Fact]
    public async Task The_audit_log_is_append_only_for_the_app()
    {
        var (conn, tx) = await AsAppAsync([_orgA]);
        await using var _ = conn;
        await conn.ExecuteAsync("INSERT INTO audit_log (organisation_id, action, entity) VALUES (@_orgA, 'participant.read', 'participant')", new { _orgA }, tx);
        var error = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("DELETE FROM audit_log", transaction: tx));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_lot_cannot_belong_to_a_contract_of_another_organisation()
    {
        var contractB = await _data.ScalarAsync<Guid>("SELECT id FROM contracts WHERE organisation_id = @_orgB LIMIT 1", new { _orgB });
        var error = await Assert.ThrowsAsync<PostgresException>(() => _data.LotAsync(_orgA, contractB, 1, 10));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Theory]
    [InlineData("mois", "2025-03-01", 208.01)]
    [InlineData("semaine", "2025-03-03", 48.5)]
    [InlineData("mois", "2025-03-01", -1)]
    [InlineData("mois", "2025-03-02", 10)]
    public async Task Hour_records_outside_legal_bounds_are_refused(string periodKind, string period, decimal hours)
    {
        var contract = await _data.ContractAsync(_orgA, "H-" + Guid.NewGuid().ToString("N")[..8]);
        var lot = await _data.LotAsync(_orgA, contract, 1, 1000);
        var participant = await _data.ScalarAsync<Guid>("INSERT INTO participants (organisation_id) VALUES (@_orgA) RETURNING id", new { _orgA });
        var error = await Assert.ThrowsAsync<PostgresException>(() => _data.ScalarAsync<long>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, period_kind, hours, source)
            VALUES (@_orgA, @contract, @lot, @participant, '73282932000074', 'embauche_directe', @p::date, @periodKind, @hours, 'api') RETURNING 1
            """, new { _orgA, contract, lot, participant, p = period, periodKind, hours }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task The_same_person_lot_period_and_modality_cannot_be_recorded_twice()
    {
        var contract = await _data.ContractAsync(_orgA, "D-" + Guid.NewGuid().ToString("N")[..8]);
        var lot = await _data.LotAsync(_orgA, contract, 1, 1000);
        var participant = await _data.ScalarAsync<Guid>("INSERT INTO participants (organisation_id) VALUES (@_orgA) RETURNING id", new { _orgA });
        const string insert = """
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            VALUES (@_orgA, @contract, @lot, @participant, '73282932000074', 'embauche_directe', '2025-04-01', 35, 'api') RETURNING 1
            """;
        await _data.ScalarAsync<long>(insert, new { _orgA, contract, lot, participant });
        var error = await Assert.ThrowsAsync<PostgresException>(() => _data.ScalarAsync<long>(insert, new { _orgA, contract, lot, participant }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
