using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Spar;
using Clauses.Api.Tests.Hours;
using Clauses.Core.Organisations;
using Clauses.Api.Tests.Infrastructure;
using Npgsql;

namespace Clauses.Api.Tests.Spar;

/// <summary>The dashboard's figures on a small organisation whose every number is known, its small-cell masking, and who may see it.</summary>
public sealed class SparDashboardApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;
    private HttpClient _director = null!;

    public async Task InitializeAsync()
    {
        _s = await HoursScenario.CreateAsync(_api, _data, "Ville tableau " + Guid.NewGuid().ToString("N")[..6], 8);
        _director = _api.ClientFor(await _data.UserAsync($"directeur.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "directeur")));
        // Five women and three men; the contract was notified in 2025 (2 M€ HT, in the scope of both thresholds).
        await _data.ScalarAsync<int>("""
            UPDATE participants SET sex = CASE WHEN id = ANY (@men) THEN 'M' ELSE 'F' END WHERE organisation_id = @Organisation;
            UPDATE contracts SET notified_on = '2025-02-01' WHERE id = @Contract;
            SELECT 1
            """, new { _s.Organisation, _s.Contract, men = _s.People.Skip(5).Select(p => p.Id).ToArray() });
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<JsonElement> DashboardAsync(HttpClient client, int year)
    {
        var response = await client.GetAsync($"/api/spar/dashboard?organisationId={_s.Organisation}&year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Kpi(JsonElement dashboard, string code) =>
        dashboard.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Every_figure_follows_from_the_hours_sent_and_the_targets_set()
    {
        var rows = _s.People.Select((p, i) => HoursScenario.Row(i + 1, p.Reference, 10m + i, "2025-03-01")).ToList();
        // The ETTI employing for April is in the SIAE directory: its hours are the SIAE's.
        await _data.ScalarAsync<int>("""
            INSERT INTO siae (siret, name, kind, source) VALUES ('44123456700010', 'Intérim Solidaire Lyon', 'ETTI', 'saisie')
            ON CONFLICT (siret) DO NOTHING RETURNING 1
            """);
        rows.Add(HoursScenario.Row(20, _s.People[0].Reference, 40m, "2025-04-01", modality: "interim_etti", siret: "44123456700010"));
        await _data.ScalarAsync<int>("""
            WITH co AS (INSERT INTO companies (siret, name) VALUES ('41234567800019', 'Bâtiments du Rhône') RETURNING id)
            UPDATE lots SET contractor_company_id = (SELECT id FROM co) WHERE contract_id = @Contract AND number = 1 RETURNING 1
            """, _s);
        await _s.SendAsync(false, [.. rows]);     // 10 + 11 + … + 17 = 108 h in March, 40 h of ETTI in April
        Assert.Equal(HttpStatusCode.OK, (await _director.PutAsJsonAsync($"/api/organisations/{_s.Organisation}/spar-targets/2025/heures_insertion",
            new { targetValue = 200 })).StatusCode);

        // Ten exits in 2025 (one in 2024 that does not count): 5 CDI, 2 temporary work, 3 job seekers.
        await _data.ScalarAsync<int>("""
            INSERT INTO exits (organisation_id, participant_id, exited_on, outcome, follow_up_due_on)
            SELECT @Organisation, p.id, d.day, o.outcome, d.day + 180
              FROM unnest(@people) WITH ORDINALITY AS p(id, n)
              JOIN (VALUES (1, 'cdi'), (2, 'cdi'), (3, 'cdi'), (4, 'cdi'), (5, 'cdi'), (6, 'interim'), (7, 'interim'), (8, 'demandeur_emploi'))
                   AS o(n, outcome) ON o.n = p.n
             CROSS JOIN (VALUES (date '2025-06-30')) AS d(day)
            UNION ALL
            SELECT @Organisation, p.id, date '2025-09-30', 'demandeur_emploi', date '2026-03-30' FROM unnest(@people) WITH ORDINALITY AS p(id, n) WHERE p.n IN (1, 2)
            UNION ALL
            SELECT @Organisation, p.id, date '2024-12-31', 'cdi', date '2025-06-30' FROM unnest(@people) WITH ORDINALITY AS p(id, n) WHERE p.n = 3
            RETURNING 1
            """, new { _s.Organisation, people = _s.People.Select(p => p.Id).ToArray() });

        var d = await DashboardAsync(_director, 2025);

        Assert.Equal("2025-12-31", d.GetProperty("asOf").GetString());
        Assert.Equal("50,0\u00A0%", Kpi(d, "taux_sorties_emploi").GetProperty("display").GetString());      // durable: 5 CDI of 10
        Assert.Equal("10 sorties dans l'année · en emploi, tous contrats : 70,0\u00A0%", Kpi(d, "taux_sorties_emploi").GetProperty("detail").GetString());
        Assert.Equal("148\u00A0h", Kpi(d, "heures_insertion").GetProperty("display").GetString());
        Assert.Equal(0.74m, Kpi(d, "heures_insertion").GetProperty("progress").GetDecimal());
        Assert.Equal("200\u00A0h", Kpi(d, "heures_insertion").GetProperty("targetDisplay").GetString());
        Assert.Equal("8", Kpi(d, "participants").GetProperty("display").GetString());
        Assert.Equal("62,5\u00A0%", Kpi(d, "part_femmes").GetProperty("display").GetString());
        Assert.Equal("5 sur 8", Kpi(d, "part_femmes").GetProperty("detail").GetString());
        Assert.Equal("100,0\u00A0%", Kpi(d, "part_rsa").GetProperty("display").GetString());
        Assert.Equal("27,0\u00A0%", Kpi(d, "part_heures_siae").GetProperty("display").GetString());       // 40 of 148 h
        // Lot 2 has neither a clause nor an analysis: the contract is not fully analysed, but it has a social consideration.
        Assert.Equal("0,0\u00A0%", Kpi(d, "contrats_analyses").GetProperty("display").GetString());
        Assert.Equal("100,0\u00A0%", Kpi(d, "part_contrats_consideration_sociale").GetProperty("display").GetString());

        var months = d.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(108m, months[2].GetProperty("hours").GetDecimal());
        Assert.Equal(148m, months[3].GetProperty("cumulativeHours").GetDecimal());
        Assert.Equal(66.67m, months[3].GetProperty("cumulativeTarget").GetDecimal());   // 200 × 4 / 12
        Assert.Equal(148m, months[11].GetProperty("cumulativeHours").GetDecimal());

        var modalities = d.GetProperty("hoursByModality").EnumerateArray().Select(s => (s.GetProperty("code").GetString(), s.GetProperty("value").GetDecimal())).ToList();
        Assert.Equal([("embauche_directe", 108m), ("interim_etti", 40m)], modalities);

        var siae = Assert.Single(d.GetProperty("hoursBySiae").EnumerateArray());
        Assert.Equal(("Intérim Solidaire Lyon", 40m), (siae.GetProperty("label").GetString(), siae.GetProperty("value").GetDecimal()));

        var territory = Assert.Single(d.GetProperty("hoursByTerritory").EnumerateArray());
        Assert.Equal(("Département 69", 148m), (territory.GetProperty("label").GetString(), territory.GetProperty("value").GetDecimal()));
        var contractor = Assert.Single(d.GetProperty("hoursByContractor").EnumerateArray());
        Assert.Equal(("Bâtiments du Rhône", 148m), (contractor.GetProperty("label").GetString(), contractor.GetProperty("value").GetDecimal()));

        // Burn-down of lot 1's 1 000 h clause over 2025-01-01 → 2027-12-31, seen at the end of 2025: 365 of 1 095 days.
        var clause = Assert.Single(d.GetProperty("clauses").EnumerateArray());
        Assert.Equal(1000m, clause.GetProperty("targetHours").GetDecimal());
        Assert.Equal(148m, clause.GetProperty("doneHours").GetDecimal());
        Assert.Equal(333.33m, clause.GetProperty("expectedHours").GetDecimal());
        Assert.Equal(852m, clause.GetProperty("hoursStillDue").GetDecimal());
        Assert.Equal("en retard", clause.GetProperty("statusLabel").GetString());

        var contract = Assert.Single(d.GetProperty("contracts").EnumerateArray());
        Assert.Equal(148m, contract.GetProperty("hoursInYear").GetDecimal());

        // The same figure as the raw records, and the next year starts from nothing.
        Assert.Equal(148m, await _data.ScalarAsync<decimal>("SELECT sum(hours) FROM hour_records WHERE contract_id = @Contract", _s));
        Assert.Equal("0\u00A0h", Kpi(await DashboardAsync(_director, 2024), "heures_insertion").GetProperty("display").GetString());
    }

    [Fact]
    public async Task A_clauses_hours_to_date_leave_out_the_months_after_the_day_it_is_seen_at()
    {
        await _s.SendAsync(false, HoursScenario.Row(1, _s.People[0].Reference, 10m, "2025-03-01"),
            HoursScenario.Row(2, _s.People[1].Reference, 20m, "2025-10-01"), HoursScenario.Row(3, _s.People[2].Reference, 5m, "2026-02-01"));
        var lot = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 1", _s);
        var director = await _data.UserAsync($"dir.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "directeur"));
        var tenant = new TenantDb(NpgsqlDataSource.Create(db.AppConnectionString), new CurrentUserAccessor
        {
            User = new CurrentUser(director.Id, director.DisplayName, director.Email, false,
                [new Membership(_s.Organisation, "Ville", "commune", [Role.Directeur])]),
        });

        async Task<decimal> DoneAsync(int year, DateOnly asOf)
        {
            await using var session = await tenant.BeginAsync(CancellationToken.None);
            var data = await SparDashboardStore.LoadAsync(session, _s.Organisation, year, asOf, CancellationToken.None);
            return data.DoneByLot.GetValueOrDefault(lot);
        }

        Assert.Equal(10m, await DoneAsync(2025, new DateOnly(2025, 6, 15)));     // October not yet
        Assert.Equal(10m, await DoneAsync(2025, new DateOnly(2025, 9, 30)));
        Assert.Equal(30m, await DoneAsync(2025, new DateOnly(2025, 10, 1)));      // October's hours count from its first day
        Assert.Equal(30m, await DoneAsync(2025, new DateOnly(2025, 12, 31)));
        Assert.Equal(30m, await DoneAsync(2026, new DateOnly(2026, 1, 20)));      // February 2026 not yet
        Assert.Equal(35m, await DoneAsync(2026, new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public async Task A_contracts_drill_down_equals_its_rows_in_the_whole_dashboard()
    {
        await _s.SendAsync(false, HoursScenario.Row(1, _s.People[0].Reference, 10m, "2025-03-01"),
            HoursScenario.Row(2, _s.People[1].Reference, 20m, "2025-10-01"));
        var director = await _data.UserAsync($"dir.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "directeur"));
        var user = new CurrentUser(director.Id, director.DisplayName, director.Email, false,
            [new Membership(_s.Organisation, "Ville", "commune", [Role.Directeur])]);
        var tenant = new TenantDb(NpgsqlDataSource.Create(db.AppConnectionString), new CurrentUserAccessor { User = user });
        var today = new DateOnly(2026, 3, 15);

        await using var session = await tenant.BeginAsync(CancellationToken.None);
        var whole = (await SparDashboardApi.LoadAsync(session, user, _s.Organisation, 2025, today, CancellationToken.None))!;
        var one = (await SparDashboardApi.LoadAsync(session, user, _s.Organisation, 2025, today, CancellationToken.None, _s.Contract))!;

        Assert.Equal(JsonSerializer.Serialize(whole.Contracts.Single(c => c.Id == _s.Contract)), JsonSerializer.Serialize(Assert.Single(one.Contracts)));
        Assert.Equal(30m, one.Contracts[0].HoursInYear);
        Assert.Equal(JsonSerializer.Serialize(whole.Clauses.Where(c => c.ContractId == _s.Contract)), JsonSerializer.Serialize(one.Clauses));
        Assert.NotEmpty(one.Clauses);
    }

    [Fact]
    public async Task Fewer_than_five_people_are_shown_as_less_than_five_and_their_shares_are_hidden()
    {
        await _s.SendAsync(false, HoursScenario.Row(1, _s.People[0].Reference, 7m, "2025-05-01"),
            HoursScenario.Row(2, _s.People[6].Reference, 7m, "2025-05-01"));

        var d = await DashboardAsync(_director, 2025);

        Assert.Equal("< 5", Kpi(d, "participants").GetProperty("display").GetString());
        Assert.Equal(JsonValueKind.Null, Kpi(d, "participants").GetProperty("value").ValueKind);
        Assert.Equal("< 5", Kpi(d, "part_femmes").GetProperty("display").GetString());
        Assert.Equal(JsonValueKind.Null, Kpi(d, "part_femmes").GetProperty("value").ValueKind);
        Assert.All(d.GetProperty("peopleByProfile").EnumerateArray(), s => Assert.Equal("< 5", s.GetProperty("display").GetString()));
    }

    [Fact]
    public async Task Directors_see_their_organisation_facilitators_each_one_they_serve_and_buyers_none()
    {
        var other = await _data.OrganisationAsync("Autre ville " + Guid.NewGuid().ToString("N")[..6]);
        var facilitator = _api.ClientFor(await _data.UserAsync($"fac.{Guid.NewGuid():N}@exemple.fr", false,
            (_s.Organisation, "facilitateur"), (other, "facilitateur")));
        var otherDirector = _api.ClientFor(await _data.UserAsync($"dir.{Guid.NewGuid():N}@exemple.fr", false, (other, "directeur")));
        var buyer = _api.ClientFor(await _data.UserAsync($"ach.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "acheteur")));

        var served = await facilitator.GetFromJsonAsync<JsonElement>("/api/spar/organisations");
        Assert.Equal(2, served.GetArrayLength());
        await DashboardAsync(facilitator, 2025);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync($"/api/spar/dashboard?organisationId={other}&year=2025")).StatusCode);

        foreach (var stranger in new[] { otherDirector, buyer })
        {
            var response = await stranger.GetAsync($"/api/spar/dashboard?organisationId={_s.Organisation}&year=2025");
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
            Assert.Contains("tableau de bord", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var badYear = await _director.GetAsync($"/api/spar/dashboard?organisationId={_s.Organisation}&year=1990");
        await ProblemAssert.IsProblem(badYear, HttpStatusCode.BadRequest);
    }
}
