using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using Npgsql;

namespace Clauses.Api.Tests.Hours;

public sealed class HoursBatchTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<decimal> TotalAsync(Guid contract) =>
        _data.ScalarAsync<decimal>("SELECT coalesce(sum(hours), 0) FROM hour_records WHERE contract_id = @contract", new { contract });

    [Fact]
    public async Task Sending_the_same_rows_again_replaces_and_never_adds()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 1");
        var rows = s.People.Select((p, i) => HoursScenario.Row(i + 2, p.Reference, 35m + i)).ToArray();

        var first = await s.SendAsync(false, rows);
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        var again = await s.SendAsync(false, rows);
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());

        var changed = rows.ToArray();
        changed[0] = HoursScenario.Row(2, s.People[0].Reference, 70m);
        var third = await s.SendAsync(false, changed);
        Assert.Equal(1, third.GetProperty("replaced").GetInt32());
        Assert.Equal(2, third.GetProperty("unchanged").GetInt32());
        Assert.Equal(3L, await _data.ScalarAsync<long>("SELECT count(*) FROM hour_records WHERE contract_id = @Contract", s));
        Assert.Equal(70m + 36m + 37m, await TotalAsync(s.Contract));
    }

    [Fact]
    public async Task Each_row_is_stored_with_its_own_lot_clause_modality_period_kind_counting_method_and_hundredths()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures colonnes");
        await _data.ScalarAsync<int>("""
            UPDATE clauses SET labour_share = 0.4, hourly_cost = 30, allowed_modalities = '{embauche_directe,interim_etti,sous_traitance_siae}'
             WHERE lot_id IN (SELECT id FROM lots WHERE contract_id = @Contract) RETURNING 1
            """, s);
        object[] rows =
        [
            HoursScenario.Row(2, s.People[0].Reference, 7.25m, period: "2025-03-03", periodKind: "semaine", evidence: "Relevé S10"),
            new
            {
                row = 3, lotNumber = 1, participantReference = s.People[1].Reference, employerSiret = HoursScenario.Siret,
                modality = "sous_traitance_siae", period = "2025-03-01", periodKind = "mois", invoicedAmountHt = 1234.56m,
            },
            HoursScenario.Row(4, s.People[2].Reference, 0.01m, period: "2025-04-01", modality: "interim_etti"),
        ];
        var sent = await s.SendAsync(false, rows);
        Assert.Equal(3, sent.GetProperty("accepted").GetInt32());

        var stored = await _data.ListAsync<string>("""
            SELECT l.number || ' ' || coalesce(c.instrument, '-') || ' ' || p.number || ' ' || h.modality || ' ' || h.period || ' ' || h.period_kind
                   || ' ' || h.hours || ' ' || h.counting_method || ' ' || coalesce(h.invoiced_amount_ht::text, '-') || ' ' || coalesce(h.evidence_reference, '-')
              FROM hour_records h JOIN lots l ON l.id = h.lot_id JOIN participants p ON p.id = h.participant_id
              LEFT JOIN clauses c ON c.id = h.clause_id
             WHERE h.contract_id = @Contract ORDER BY h.period, l.number
            """, s);
        var numbers = s.People.Select(p => p.Reference[2..].TrimStart('0')).ToArray();
        // 1 234,56 € × 0,4 ÷ 30 €/h = 16,46 h (R22).
        Assert.Equal(
        [
            $"1 clause_execution {numbers[1]} sous_traitance_siae 2025-03-01 mois 16.46 conversion_montant 1234.56 -",
            $"1 clause_execution {numbers[0]} embauche_directe 2025-03-03 semaine 7.25 heures_attestees - Relevé S10",
            $"1 clause_execution {numbers[2]} interim_etti 2025-04-01 mois 0.01 heures_attestees - -",
        ], stored);

        var again = await s.SendAsync(true, rows);
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Eligibility_is_judged_at_the_first_start_on_the_lot_else_at_the_period()
    {
        // Every person's validation dates from 1 January 2025 and lasts 24 months (R19): until 1 January 2027.
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures premier début", 4);
        var lot1 = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 1", s);
        async Task AssignAsync(Guid person, string startsOn) => (await s.Client.PostAsJsonAsync($"/api/participants/{person}/assignments", new
        {
            lotId = lot1, employerSiret = HoursScenario.Siret, modality = "embauche_directe", employmentContract = "cdd", startsOn,
        })).EnsureSuccessStatusCode();
        await AssignAsync(s.People[0].Id, "2026-06-01");    // started while eligible
        await AssignAsync(s.People[2].Id, "2027-02-01");    // started once the validation had lapsed
        await AssignAsync(s.People[3].Id, "2026-05-01");    // two assignments on the lot: the earlier start decides
        await AssignAsync(s.People[3].Id, "2027-02-01");

        var result = await s.SendAsync(false,
            HoursScenario.Row(2, s.People[0].Reference, 35m, period: "2027-03-01"),
            HoursScenario.Row(3, s.People[1].Reference, 35m, period: "2026-12-01"),
            HoursScenario.Row(4, s.People[1].Reference, 35m, period: "2027-03-01"),
            HoursScenario.Row(5, s.People[2].Reference, 35m, period: "2027-03-01"),
            HoursScenario.Row(6, s.People[3].Reference, 35m, period: "2027-03-01"));
        var statuses = result.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["accepted", "accepted", "rejected", "rejected", "accepted"], statuses);
        Assert.Equal(105m, await TotalAsync(s.Contract));
    }

    [Fact]
    public async Task A_dry_run_says_what_would_happen_and_stores_nothing()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 2");
        var result = await s.SendAsync(true, HoursScenario.Row(2, s.People[0].Reference, 35m), HoursScenario.Row(3, s.People[1].Reference, -1m));
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        Assert.Equal(0m, await TotalAsync(s.Contract));
    }

    [Fact]
    public async Task Faulty_rows_are_rejected_one_by_one_with_french_reasons_and_valid_ones_kept()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 3");
        var p = s.People;
        var result = await s.SendAsync(false,
            HoursScenario.Row(2, p[0].Reference, 35m),
            HoursScenario.Row(3, p[1].Reference, -5m),
            HoursScenario.Row(4, p[1].Reference, 250m, period: "2025-04-01"),
            HoursScenario.Row(5, "P-999999", 10m),
            HoursScenario.Row(6, p[2].Reference, 10m, siret: "12345678901234"),
            HoursScenario.Row(7, p[2].Reference, 10m, lot: 9),
            HoursScenario.Row(8, p[0].Reference, 12m),                                         // same key as row 2
            HoursScenario.Row(9, p[2].Reference, 60m, period: "2025-03-03", periodKind: "semaine"),
            HoursScenario.Row(10, p[2].Reference, 10m, lot: 2),                                // lot without a clause
            HoursScenario.Row(11, p[2].Reference, 10m, period: "2024-06-01"),                  // before the validation and the execution
            HoursScenario.Row(12, p[2].Reference, 10m, evidence: "=HYPERLINK(\"http://x\")"));
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(10, result.GetProperty("rejected").GetInt32());
        var byRow = result.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        string Field(int row) => byRow[row].GetProperty("errors")[0].GetProperty("field").GetString()!;
        string Message(int row) => byRow[row].GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Equal("accepted", byRow[2].GetProperty("status").GetString());
        Assert.Equal("hours", Field(3));
        Assert.Contains("208", Message(4), StringComparison.Ordinal);
        Assert.Equal("participantReference", Field(5));
        Assert.Contains("P-999999", Message(5), StringComparison.Ordinal);
        Assert.Equal("employerSiret", Field(6));
        Assert.Equal("lotNumber", Field(7));
        Assert.Contains("double", Message(8), StringComparison.Ordinal);
        Assert.Contains("48", Message(9), StringComparison.Ordinal);
        Assert.Equal("lotNumber", Field(10));
        Assert.Equal("evidenceReference", Field(12));
        Assert.All(byRow.Values.Where(r => r.GetProperty("status").GetString() == "rejected"),
            r => Assert.Matches("[éèàêç]|[A-Z]", r.GetProperty("errors")[0].GetProperty("message").GetString()!));
        Assert.Equal(35m, await TotalAsync(s.Contract));
    }

    [Fact]
    public async Task Two_concurrent_sends_of_the_same_rows_leave_one_copy()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 4");
        var rows = s.People.SelectMany((p, i) => new[]
        {
            HoursScenario.Row(2 * i + 2, p.Reference, 35m), HoursScenario.Row(2 * i + 3, p.Reference, 20m, period: "2025-04-01"),
        }).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.SendAsync(false, rows)));
        Assert.Equal(rows.Length, results.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(rows.Length, await _data.ScalarAsync<long>("SELECT count(*) FROM hour_records WHERE contract_id = @Contract", s));
    }

    [Fact]
    public async Task A_validated_statement_refuses_edits_and_a_correction_is_a_new_version()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 5");
        await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 35m));
        var validated = await s.Client.PostAsync(new Uri($"/api/contracts/{s.Contract}/statements/2025-03-01/validate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);

        var refused = await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 40m));
        Assert.Equal(1, refused.GetProperty("rejected").GetInt32());
        Assert.Contains("verrouill", refused.GetProperty("rows")[0].GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // The database refuses too, whatever SQL the API might run (trigger on hour_records).
        await using (var conn = new NpgsqlConnection(db.OwnerConnectionString))
        {
            await conn.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE hour_records SET hours = 1 WHERE contract_id = @c", conn);
            update.Parameters.AddWithValue("c", s.Contract);
            var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.ObjectNotInPrerequisiteState, error.SqlState);
        }

        var correction = await s.Client.PostAsync(new Uri($"/api/contracts/{s.Contract}/statements/2025-03-01/corrections", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        var corrected = await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 40m));
        Assert.Equal(1, corrected.GetProperty("replaced").GetInt32());

        var current = await s.Client.GetFromJsonAsync<JsonElement>($"/api/contracts/{s.Contract}/hours?period=2025-03-01");
        Assert.Equal(2, current.GetProperty("statement").GetProperty("version").GetInt32());
        Assert.Equal(40m, current.GetProperty("rows")[0].GetProperty("hours").GetDecimal());
        Assert.Equal(35m + 40m, await TotalAsync(s.Contract));   // version 1 kept as validated, version 2 the correction
    }

    [Fact]
    public async Task Only_the_organisations_facilitators_send_hours()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 6");
        var buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (s.Organisation, "acheteur"));
        var response = await _api.ClientFor(buyer).PostAsJsonAsync($"/api/contracts/{s.Contract}/hours/batch",
            new { dryRun = false, rows = new[] { HoursScenario.Row(2, s.People[0].Reference, 35m) } });
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_database_refuses_an_hour_record_for_a_participant_of_another_organisation()
    {
        var a = await HoursScenario.CreateAsync(_api, _data, "Ville heures 7a", 1);
        var b = await HoursScenario.CreateAsync(_api, _data, "Ville heures 7b", 1);
        var lot = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 1", a);
        var error = await Assert.ThrowsAsync<PostgresException>(() => _data.ScalarAsync<int>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            VALUES (@org, @contract, @lot, @person, '73282932000074', 'embauche_directe', '2025-03-01', 10, 'api') RETURNING 1
            """, new { org = a.Organisation, contract = a.Contract, lot, person = b.People[0].Id }));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Fulfilment_counts_the_latest_version_of_each_month_against_the_target()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Ville heures 8");
        await _data.ScalarAsync<int>("UPDATE clauses SET penalty_per_hour = 50, penalty_cap = 40000 WHERE lot_id IN (SELECT id FROM lots WHERE contract_id = @Contract) RETURNING 1", s);
        await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 100m), HoursScenario.Row(3, s.People[1].Reference, 50m, period: "2025-04-01"));
        await s.Client.PostAsync(new Uri($"/api/contracts/{s.Contract}/statements/2025-03-01/validate", UriKind.Relative), null);
        await s.Client.PostAsync(new Uri($"/api/contracts/{s.Contract}/statements/2025-03-01/corrections", UriKind.Relative), null);
        await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 120m));

        var fulfilment = (await s.Client.GetFromJsonAsync<JsonElement>($"/api/contracts/{s.Contract}/fulfilment")).EnumerateArray().Single();
        Assert.Equal(1000m, fulfilment.GetProperty("targetHours").GetDecimal());
        Assert.Equal(170m, fulfilment.GetProperty("validHours").GetDecimal());      // 120 (correction of March) + 50 (April), not 100 + 120 + 50
        Assert.Equal(0.17m, fulfilment.GetProperty("rate").GetDecimal());
        Assert.Equal(830m, fulfilment.GetProperty("hoursStillDue").GetDecimal());
        Assert.Equal(40000m, fulfilment.GetProperty("penalty").GetDecimal());        // 830 × 50 = 41 500, capped
        Assert.True(fulfilment.GetProperty("penaltyCapped").GetBoolean());
    }
}
