using System.Net;
using System.Net.Http.Json;
using Clauses.Api.Tests.Hours;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Spar;

/// <summary>
/// The dashboards' roll-ups are kept by triggers as hours are written. After every kind of write (first send, re-send,
/// replacement, validated month corrected as a new version, erasure of a person, a raw delete) they must equal a
/// recomputation from hour_records with the rule "only each month's latest statement version counts".
/// </summary>
public sealed class SparRollupTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;

    public async Task InitializeAsync() => _s = await HoursScenario.CreateAsync(_api, _data, "Ville roll-ups", 6);
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private const string Truth = """
        WITH latest AS (SELECT contract_id, period, max(version) AS version FROM hour_statements GROUP BY contract_id, period),
        current AS (
          SELECT h.* FROM hour_records h
            LEFT JOIN latest l ON l.contract_id = h.contract_id AND l.period = date_trunc('month', h.period)::date
           WHERE h.organisation_id = @Organisation AND (l.version IS NULL OR l.version = h.version))
        SELECT 'm ' || date_trunc('month', period)::date || ' ' || lot_id || ' ' || modality || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY date_trunc('month', period), lot_id, modality
        UNION ALL
        SELECT 'p ' || extract(year FROM period) || ' ' || participant_id || ' ' || lot_is_reserved(lot_id) || ' ' || sum(hours) || ' ' || count(*)
          FROM current GROUP BY extract(year FROM period), participant_id, lot_is_reserved(lot_id)
        ORDER BY 1
        """;

    private const string Rollups = """
        SELECT 'm ' || month || ' ' || lot_id || ' ' || modality || ' ' || hours || ' ' || records
          FROM hour_month_totals WHERE organisation_id = @Organisation AND records <> 0
        UNION ALL
        SELECT 'p ' || year || ' ' || participant_id || ' ' || reserved || ' ' || hours || ' ' || records
          FROM participant_year_totals WHERE organisation_id = @Organisation AND records <> 0
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
}
