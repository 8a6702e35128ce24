using System.Net;
using System.Net.Http.Json;
using Clauses.Api.Tests.Hours;
using Clauses.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Clauses.Api.Tests.Spar;

/// <summary>
/// The dashboards' roll-ups are kept by triggers as hours are written. After every kind of write (first send, re-send,
/// replacement, validated month corrected as a new version, erasure of a person, a raw delete, a change of a person's
/// attributes or validations) they must equal a recomputation from hour_records, the participants and their validations
/// with the rule "only each month's latest statement version counts".
/// </summary>
public sealed class SparRollupTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;

    public async Task InitializeAsync() => _s = await HoursScenario.CreateAsync(_api, _data, "Ville roll-ups", 6);
    public async Task DisposeAsync() => await _api.DisposeAsync();

    // Recounted from hour_records, the participants and their validations, independently of the roll-up SQL: m = month ×
    // lot × modality, y = year × lot, q = month × modality × SIAE, p = person-year by reserved lot, k = people figures.
    private const string Truth = """
        WITH latest AS (SELECT contract_id, period, max(version) AS version FROM hour_statements GROUP BY contract_id, period),
        current AS (
          SELECT h.* FROM hour_records h
            LEFT JOIN latest l ON l.contract_id = h.contract_id AND l.period = date_trunc('month', h.period)::date
           WHERE h.organisation_id = @Organisation AND (l.version IS NULL OR l.version = h.version)),
        people AS (
          SELECT extract(year FROM c.period)::int AS yr, c.participant_id, sum(c.hours) AS hours, pa.sex, pa.departement
            FROM current c JOIN participants pa ON pa.id = c.participant_id GROUP BY 1, 2, 4, 5)
        SELECT 'm ' || date_trunc('month', period)::date || ' ' || lot_id || ' ' || modality || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY date_trunc('month', period), lot_id, modality
        UNION ALL
        SELECT 'y ' || extract(year FROM period) || ' ' || lot_id || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY extract(year FROM period), lot_id
        UNION ALL
        SELECT 'q ' || date_trunc('month', period)::date || ' ' || modality || ' ' || coalesce(siae_id::text, '-') || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY date_trunc('month', period), modality, siae_id
        UNION ALL
        SELECT 'p ' || extract(year FROM period) || ' ' || participant_id || ' ' || lot_is_reserved(lot_id) || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY extract(year FROM period), participant_id, lot_is_reserved(lot_id)
        UNION ALL
        SELECT 'k ' || yr || ' ensemble tous ' || count(*) FROM people GROUP BY yr
        UNION ALL
        SELECT 'k ' || yr || ' sexe ' || coalesce(sex, 'inconnu') || ' ' || count(*) FROM people GROUP BY yr, sex
        UNION ALL
        SELECT 'k ' || yr || ' territoire ' || coalesce(departement, 'inconnu') || ' ' || count(*) || ' ' || sum(hours) FROM people GROUP BY yr, departement
        UNION ALL
        SELECT 'k ' || p.yr || ' public ' || c.criterion || ' ' || count(DISTINCT p.participant_id)
          FROM people p JOIN eligibility_validations v ON v.participant_id = p.participant_id
               AND v.validated_on <= make_date(p.yr, 12, 31) AND v.valid_until >= make_date(p.yr, 1, 1)
         CROSS JOIN unnest(v.criteria) AS c (criterion)
         GROUP BY p.yr, c.criterion
        ORDER BY 1
        """;

    private const string Rollups = """
        SELECT 'm ' || month || ' ' || lot_id || ' ' || modality || ' ' || hours || ' ' || records
          FROM hour_month_totals WHERE organisation_id = @Organisation AND records <> 0
        UNION ALL
        SELECT 'y ' || year || ' ' || lot_id || ' ' || hours || ' ' || records
          FROM hour_year_lot_totals WHERE organisation_id = @Organisation AND records <> 0
        UNION ALL
        SELECT 'q ' || month || ' ' || modality || ' ' || coalesce(siae_id::text, '-') || ' ' || hours || ' ' || records
          FROM hour_month_modality_totals WHERE organisation_id = @Organisation AND records <> 0
        UNION ALL
        SELECT 'p ' || year || ' ' || participant_id || ' ' || reserved || ' ' || hours || ' ' || records
          FROM participant_year_totals WHERE organisation_id = @Organisation AND records <> 0
        UNION ALL
        SELECT 'k ' || year || ' ' || dimension || ' ' || category || ' ' || persons || CASE dimension WHEN 'territoire' THEN ' ' || hours ELSE '' END
          FROM spar_people_year
         WHERE organisation_id = @Organisation AND (dimension IN ('sexe', 'territoire', 'public') OR (dimension, category) = ('ensemble', 'tous'))
        ORDER BY 1
        """;

    private Task AssertRollupsExactAsync(decimal? expectedHours = null) => AssertExactAsync(_data, _s.Organisation, expectedHours);

    /// <summary>The organisation's roll-ups equal a recount from hour_records (and, when given, total these hours).</summary>
    internal static async Task AssertExactAsync(TestData data, Guid organisation, decimal? expectedHours = null)
    {
        var truth = await data.ListAsync<string>(Truth, new { Organisation = organisation });
        var rollups = await data.ListAsync<string>(Rollups, new { Organisation = organisation });
        Assert.NotEmpty(truth);
        Assert.Equal(truth, rollups);
        if (expectedHours is { } hours)
            Assert.Equal(hours, await data.ScalarAsync<decimal>(
                "SELECT coalesce(sum(hours), 0) FROM hour_month_totals WHERE organisation_id = @organisation", new { organisation }));
    }

    private object Row(int i, int person, decimal hours, string period) =>
        HoursScenario.Row(i, _s.People[person].Reference, hours, period);

    [Fact]
    public async Task Rollups_equal_a_recount_after_sends_replacements_corrections_erasures_and_deletes()
    {
        await _s.SendAsync(false, Row(1, 0, 10m, "2025-03-01"), Row(2, 1, 20m, "2025-03-01"), Row(3, 2, 30m, "2025-04-01"));
        await AssertRollupsExactAsync(60m);

        await _s.SendAsync(false, Row(1, 0, 10m, "2025-03-01"), Row(2, 1, 20m, "2025-03-01"), Row(3, 2, 30m, "2025-04-01"));
        await AssertRollupsExactAsync(60m);

        await _s.SendAsync(false, Row(1, 0, 15m, "2025-03-01"), Row(2, 3, 7m, "2025-03-01"));
        await AssertRollupsExactAsync(72m);

        // March validated, then corrected: the copy (version 2) replaces version 1, then is edited.
        Assert.Equal(HttpStatusCode.OK, (await _s.Client.PostAsync($"/api/contracts/{_s.Contract}/statements/2025-03-01/validate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _s.Client.PostAsync($"/api/contracts/{_s.Contract}/statements/2025-03-01/corrections", null)).StatusCode);
        await AssertRollupsExactAsync(72m);
        await _s.SendAsync(false, Row(1, 1, 25m, "2025-03-01"), Row(2, 4, 3m, "2025-03-01"));
        await AssertRollupsExactAsync(80m);

        // Erasure (or anonymisation when hours must be kept) of a person, then a raw delete of corrected rows.
        Assert.True((await _s.Client.DeleteAsync($"/api/participants/{_s.People[2].Id}")).IsSuccessStatusCode);
        await AssertRollupsExactAsync();
        Assert.Equal(1, await _data.ScalarAsync<int>("""
            WITH d AS (DELETE FROM hour_records WHERE organisation_id = @Organisation AND participant_id = @person AND version = 2 RETURNING 1)
            SELECT count(*)::int FROM d
            """, new { _s.Organisation, person = _s.People[4].Id }));
        await AssertRollupsExactAsync();
    }

    [Fact]
    public async Task Hours_on_a_reserved_lot_count_people_apart_once_per_year()
    {
        var lot2 = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 2", _s);
        await _data.ScalarAsync<int>("""
            INSERT INTO clauses (organisation_id, lot_id, instrument) VALUES (@Organisation, @lot2, 'reserve_l2113_12') RETURNING 1
            """, new { _s.Organisation, lot2 });
        await _s.SendAsync(false, Row(1, 0, 10m, "2025-05-01"), Row(2, 0, 12m, "2025-06-01"));
        // Hours of an SIAE executing the reserved lot, written straight to the table.
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            VALUES (@Organisation, @Contract, @lot2, @p0, @Siret, 'embauche_directe', '2025-05-01', 8, 'saisie'),
                   (@Organisation, @Contract, @lot2, @p5, @Siret, 'embauche_directe', '2025-05-01', 4, 'saisie')
            RETURNING 1
            """, new { _s.Organisation, _s.Contract, lot2, p0 = _s.People[0].Id, p5 = _s.People[5].Id, HoursScenario.Siret });
        await AssertRollupsExactAsync(34m);
        Assert.Equal("0 f 22.00 2|0 t 8.00 1|5 t 4.00 1", string.Join('|', await _data.ListAsync<string>("""
            SELECT CASE participant_id WHEN @p0 THEN '0' ELSE '5' END || ' ' || (CASE WHEN reserved THEN 't' ELSE 'f' END) || ' ' || hours || ' ' || records
              FROM participant_year_totals WHERE organisation_id = @Organisation AND year = 2025 ORDER BY 1
            """, new { _s.Organisation, p0 = _s.People[0].Id })));
    }

    [Fact]
    public async Task Statements_arriving_after_rows_of_several_versions_leave_only_the_latest_version_counted()
    {
        // Rows of two versions stored before any statement (a migration from another tool): until a statement exists, all count.
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, version, hours, source)
            SELECT c.organisation_id, c.id, l.id, p.id, @Siret, 'embauche_directe', m.month, v.version, 10 * v.version, 'saisie'
              FROM contracts c JOIN lots l ON l.contract_id = c.id AND l.number = 1
             CROSS JOIN unnest(@people) AS p(id)
             CROSS JOIN (VALUES (date '2025-08-01'), (date '2025-09-01')) AS m(month)
             CROSS JOIN (VALUES (1), (2)) AS v(version)
             WHERE c.id = @Contract
            RETURNING 1
            """, new { _s.Contract, HoursScenario.Siret, people = _s.People.Take(3).Select(p => p.Id).ToArray() });
        await AssertRollupsExactAsync(180m);

        // August gets version 1 then version 2; September gets version 2 first, then a late version 1 that changes nothing.
        foreach (var (month, version) in new[] { ("2025-08-01", 1), ("2025-08-01", 2), ("2025-09-01", 2), ("2025-09-01", 1) })
        {
            await _data.ScalarAsync<int>("""
                INSERT INTO hour_statements (organisation_id, contract_id, period, version, status, validated_at)
                VALUES (@Organisation, @Contract, @month::date, @version, 'valide', now()) RETURNING 1
                """, new { _s.Organisation, _s.Contract, month, version });
            await AssertRollupsExactAsync();
        }
        await AssertRollupsExactAsync(120m);     // 3 people × 20 h × 2 months, version 2 only
    }

    [Fact]
    public async Task People_figures_follow_changes_of_a_persons_attributes_and_validations()
    {
        await _s.SendAsync(false, Row(1, 0, 10m, "2025-03-01"), Row(2, 1, 20m, "2025-03-01"), Row(3, 2, 30m, "2025-04-01"));
        await AssertRollupsExactAsync(60m);

        // A person moves and is recorded as a woman: territory and sex follow at once.
        await _data.ScalarAsync<int>("UPDATE participants SET departement = '2A', sex = 'F' WHERE id = @id RETURNING 1", new { id = _s.People[1].Id });
        await AssertRollupsExactAsync();
        Assert.Equal(20m, await _data.ScalarAsync<decimal>("""
            SELECT hours FROM spar_people_year WHERE organisation_id = @Organisation AND year = 2025 AND dimension = 'territoire' AND category = '2A'
            """, _s));

        // A new validation adds a public; its removal takes it away again.
        var validation = await _data.ScalarAsync<Guid>("""
            INSERT INTO eligibility_validations (organisation_id, participant_id, criteria, basis, validated_on, valid_until)
            VALUES (@Organisation, @person, '{refugie}', 'critere', '2025-01-01', '2026-12-31') RETURNING id
            """, new { _s.Organisation, person = _s.People[2].Id });
        await AssertRollupsExactAsync();
        Assert.Equal(1L, await _data.ScalarAsync<long>("""
            SELECT persons FROM spar_people_year WHERE organisation_id = @Organisation AND year = 2025 AND dimension = 'public' AND category = 'refugie'
            """, _s));
        await _data.ScalarAsync<int>("DELETE FROM eligibility_validations WHERE id = @validation RETURNING 1", new { validation });
        await AssertRollupsExactAsync();
        Assert.Equal(0L, await _data.ScalarAsync<long>("""
            SELECT count(*) FROM spar_people_year WHERE organisation_id = @Organisation AND dimension = 'public' AND category = 'refugie'
            """, _s));
    }

    [Fact]
    public async Task Every_writer_of_an_organisations_roll_ups_waits_for_its_turn()
    {
        // An import holds the organisation's turn (HoursPipeline takes it at its first write) …
        await using var import = new NpgsqlConnection(db.OwnerConnectionString);
        await import.OpenAsync();
        await using var turn = await import.BeginTransactionAsync();
        await import.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('hours:' || @Organisation, 0))", new { _s.Organisation }, turn);

        // … so a write by another path (a correction, an erasure, a raw statement) waits before it takes any roll-up row:
        // one lock order for every writer, hence no deadlock between them. Here it gives up after 300 ms instead of waiting.
        await using var other = new NpgsqlConnection(db.OwnerConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SET LOCAL lock_timeout = '300ms'", transaction: tx);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => other.ExecuteAsync("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            SELECT c.organisation_id, c.id, l.id, @person, @Siret, 'embauche_directe', '2025-02-01', 5, 'saisie'
              FROM contracts c JOIN lots l ON l.contract_id = c.id AND l.number = 1 WHERE c.id = @Contract
            """, new { _s.Contract, person = _s.People[0].Id, HoursScenario.Siret }, tx));
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, refused.SqlState);
        await tx.RollbackAsync();

        await turn.RollbackAsync();
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM hour_records WHERE organisation_id = @Organisation", _s));
    }
}
