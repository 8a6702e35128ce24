using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using static Clauses.Api.Tests.Infrastructure.XlsxBuilder;

namespace Clauses.Api.Tests.Hours;

/// <summary>
/// The import's write path with chunks of two rows, so that every file spans several chunks: rows of new months are
/// inserted sorted without ON CONFLICT while the next chunk is checked, rows of months that already have a statement are
/// merged, and rows stored outside any statement make the fast path fall back to the merge.
/// </summary>
public sealed class ImportWritePathTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db, settings: new Dictionary<string, string?> { ["Imports:ChunkRows"] = "2" });
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;

    public async Task InitializeAsync() => _s = await HoursScenario.CreateAsync(_api, _data, "Ville écritures", 4);
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Cell[] Row(int person, decimal hours, string period) =>
        [new Number(1), new Text(_s.People[person].Reference), new Text(HoursScenario.Siret), new Text("embauche_directe"),
         new Text(period), new Number(hours), new Text("Bulletin")];

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(byte[] file, Guid? contract = null)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await _s.Client.PostAsync($"/api/contracts/{contract ?? _s.Contract}/imports?mode=sync", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static (int Accepted, int Replaced, int Unchanged) Counts(JsonElement body) =>
        (body.GetProperty("accepted").GetInt32(), body.GetProperty("replaced").GetInt32(), body.GetProperty("unchanged").GetInt32());

    private Task<string> StoredAsync() => _data.ScalarAsync<string>("""
        SELECT count(*) || ' rows, ' || coalesce(sum(hours), 0) || ' h, ' || count(DISTINCT version) || ' version(s)'
          FROM hour_records WHERE contract_id = @Contract
        """, _s);

    [Fact]
    public async Task A_file_over_several_chunks_and_months_is_stored_once_then_unchanged_then_replaced_row_by_row()
    {
        Cell[][] rows =
        [
            Row(0, 10m, "01/2026"), Row(1, 11m, "01/2026"), Row(2, 12m, "01/2026"), Row(3, 13m, "01/2026"),
            Row(0, 20m, "02/2026"), Row(1, 21m, "02/2026"), Row(2, 22m, "02/2026"),
        ];
        var first = await ImportAsync(HoursSheet(rows));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((7, 0, 0), Counts(first.Body));
        Assert.Equal("7 rows, 109.00 h, 1 version(s)", await StoredAsync());
        Assert.Equal(2L, await _data.ScalarAsync<long>(
            "SELECT count(*) FROM hour_statements WHERE contract_id = @Contract AND version = 1 AND status = 'brouillon'", _s));

        var again = await ImportAsync(HoursSheet(rows));
        Assert.Equal((0, 0, 7), Counts(again.Body));

        rows[5] = Row(1, 30m, "02/2026");
        var corrected = await ImportAsync(HoursSheet([.. rows, Row(3, 5m, "02/2026")]));
        Assert.Equal((1, 1, 6), Counts(corrected.Body));
        Assert.Equal("8 rows, 123.00 h, 1 version(s)", await StoredAsync());
        // An import rolls the SPAR totals up once for the whole file: they equal a recount after each import.
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 123m);
    }

    [Fact]
    public async Task Rows_stored_under_no_statement_are_merged_not_duplicated_nor_refused()
    {
        // Rows written before statements existed (a migration from another tool): the month has no statement, so the
        // file's rows first take the plain INSERT, meet the natural key, and are merged instead.
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            SELECT c.organisation_id, c.id, l.id, @person, @Siret, 'embauche_directe', '2026-03-01', 8, 'saisie'
              FROM contracts c JOIN lots l ON l.contract_id = c.id AND l.number = 1 WHERE c.id = @Contract
            RETURNING 1
            """, new { _s.Contract, person = _s.People[0].Id, HoursScenario.Siret });

        var result = await ImportAsync(HoursSheet([Row(0, 9m, "03/2026"), Row(1, 4m, "03/2026"), Row(2, 6m, "03/2026")]));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal((2, 1, 0), Counts(result.Body));
        Assert.Equal("3 rows, 19.00 h, 1 version(s)", await StoredAsync());
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 19m);
    }

    [Fact]
    public async Task Weekly_rows_of_one_month_roll_up_into_the_month_once_then_again_after_a_replacement()
    {
        // The deferred stage groups a chunk's rows by period (migration 0019): a person's weeks of one month reach the stage
        // as several rows of that month, across chunks, and must add up to the month, also when a week is replaced.
        Cell[][] rows =
        [
            Row(0, 7m, "2026-W02"), Row(0, 8m, "2026-W03"), Row(0, 9m, "2026-W04"), Row(1, 5m, "2026-W02"),
            Row(1, 6m, "2026-W05"), Row(2, 30m, "01/2026"),
        ];
        var first = await ImportAsync(HoursSheet(rows));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((6, 0, 0), Counts(first.Body));
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 65m);
        Assert.Equal("0 f 24.00 3|1 f 11.00 2|2 f 30.00 1", await PeopleTotalsAsync());

        rows[1] = Row(0, 2m, "2026-W03");
        var second = await ImportAsync(HoursSheet(rows));
        Assert.Equal((0, 1, 5), Counts(second.Body));
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 59m);
        Assert.Equal("0 f 18.00 3|1 f 11.00 2|2 f 30.00 1", await PeopleTotalsAsync());
    }

    [Fact]
    public async Task A_file_on_a_reserved_lot_and_another_rolls_up_per_lot_and_per_person_apart_then_again_after_replacements()
    {
        // Each chunk's rows are summed into the deferred roll-up's stages as they are written (migration 0016); the file's
        // totals must still equal a recount, with the reserved lot's people apart, also when a second file replaces rows.
        var lot2 = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 2", _s);
        await HoursScenario.ExecutionClauseAsync(_data, _s.Organisation, lot2);
        await _data.ScalarAsync<int>("""
            INSERT INTO clauses (organisation_id, lot_id, instrument) VALUES (@Organisation, @lot2, 'reserve_l2113_12') RETURNING 1
            """, new { _s.Organisation, lot2 });
        Cell[] OnLot(int lot, int person, decimal hours, string period) =>
            [new Number(lot), new Text(_s.People[person].Reference), new Text(HoursScenario.Siret), new Text("embauche_directe"),
             new Text(period), new Number(hours), new Text("Bulletin")];
        Cell[][] rows =
        [
            OnLot(1, 0, 10m, "09/2026"), OnLot(2, 0, 4m, "09/2026"), OnLot(1, 1, 7m, "09/2026"), OnLot(2, 2, 3m, "10/2026"),
            OnLot(1, 2, 5m, "10/2026"), OnLot(2, 0, 6m, "10/2026"),
        ];

        var first = await ImportAsync(HoursSheet(rows));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((6, 0, 0), Counts(first.Body));
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 35m);
        Assert.Equal("0 f 10.00 1|0 t 10.00 2|1 f 7.00 1|2 f 5.00 1|2 t 3.00 1", await PeopleTotalsAsync());

        rows[1] = OnLot(2, 0, 8m, "09/2026");
        rows[4] = OnLot(1, 2, 1m, "10/2026");
        var second = await ImportAsync(HoursSheet([.. rows, OnLot(2, 1, 2m, "10/2026")]));
        Assert.Equal((1, 2, 4), Counts(second.Body));
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 37m);
        Assert.Equal("0 f 10.00 1|0 t 14.00 2|1 f 7.00 1|1 t 2.00 1|2 f 1.00 1|2 t 3.00 1", await PeopleTotalsAsync());
    }

    private async Task<string> PeopleTotalsAsync()
    {
        var people = _s.People.Select((p, i) => (p.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var rows = await _data.ListAsync<(Guid Person, bool Reserved, decimal Hours, int Records)>("""
            SELECT participant_id, reserved, hours, records FROM participant_year_totals
             WHERE organisation_id = @Organisation AND year = 2026 AND records <> 0
            """, _s);
        return string.Join('|', rows.Select(r => FormattableString.Invariant($"{people[r.Person]} {(r.Reserved ? 't' : 'f')} {r.Hours:0.00} {r.Records}")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_synchronous_import_read_from_its_spooled_upload_records_the_files_hash_and_refuses_an_empty_upload()
    {
        var file = HoursSheet([Row(0, 3m, "11/2026"), Row(1, 4m, "11/2026"), Row(2, 5m, "11/2026")]);

        var result = await ImportAsync(file);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal((3, 0, 0), Counts(result.Body));
        Assert.Equal([Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file))], await _data.ListAsync<string>(
            "SELECT DISTINCT encode(file_hash, 'hex') FROM hour_records WHERE contract_id = @Contract", _s));

        var empty = await ImportAsync([]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Le fichier envoyé est vide.", empty.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_row_repeating_an_earlier_rows_lot_person_period_and_modality_is_reported_at_its_own_row_and_nothing_is_stored()
    {
        var result = await ImportAsync(HoursSheet(
        [
            Row(0, 10m, "12/2026"), Row(1, 11m, "12/2026"), Row(2, 12m, "12/2026"), Row(1, 9m, "12/2026"), Row(1, 9m, "11/2026"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        var error = Assert.Single(result.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("row").GetInt32());
        Assert.Equal("participantReference", error.GetProperty("field").GetString());
        Assert.StartsWith("Ligne en double", error.GetProperty("message").GetString());
        Assert.Equal("0 rows, 0 h, 0 version(s)", await StoredAsync());
    }

    [Fact]
    public async Task An_error_in_the_last_chunk_stores_nothing_of_the_chunks_already_written()
    {
        var result = await ImportAsync(HoursSheet(
        [
            Row(0, 10m, "04/2026"), Row(1, 11m, "04/2026"), Row(2, 12m, "04/2026"), Row(3, 13m, "04/2026"), Row(0, 250m, "05/2026"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        var error = Assert.Single(result.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal(6, error.GetProperty("row").GetInt32());
        Assert.Equal("0 rows, 0 h, 0 version(s)", await StoredAsync());
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM hour_statements WHERE contract_id = @Contract", _s));
        Assert.Equal(0m, await _data.ScalarAsync<decimal>(
            "SELECT coalesce(sum(hours), 0) FROM hour_month_totals WHERE organisation_id = @Organisation", _s));
    }

    [Fact]
    public async Task Concurrent_imports_on_two_contracts_of_one_organisation_for_the_same_people_both_apply()
    {
        // Both add to the same people's yearly totals (SPAR roll-up): they take turns instead of deadlocking.
        var second = await _s.AddContractAsync(_data);
        Cell[][] rows = [.. Enumerable.Range(0, 4).SelectMany(p => new[] { Row(p, 5m, "07/2026"), Row(p, 6m, "08/2026") })];

        var results = await Task.WhenAll(ImportAsync(HoursSheet(rows)), ImportAsync(HoursSheet([.. rows.Reverse()]), second),
            ImportAsync(HoursSheet([.. rows.Reverse()])), ImportAsync(HoursSheet(rows), second));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal("8 rows, 44.00 h, 1 version(s)", await StoredAsync());
        Assert.Equal(88m, await _data.ScalarAsync<decimal>(
            "SELECT sum(hours) FROM participant_year_totals WHERE organisation_id = @Organisation AND year = 2026", _s));
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 88m);
    }

    // Each case as a single write and as a write of an import, whose roll-ups are deferred and whose checks then run in
    // the import trigger, on its roll-up aggregates (migration 0018).
    public static TheoryData<string, bool> BrokenReferences() => new()
    {
        { "lot d'un autre marché", false }, { "participant d'une autre organisation", false }, { "clause inconnue", false },
        { "SIAE inconnue", false }, { "lot d'un autre marché", true }, { "participant d'une autre organisation", true },
        { "clause inconnue", true }, { "SIAE inconnue", true },
    };

    [Theory]
    [MemberData(nameof(BrokenReferences))]
    public async Task The_table_refuses_a_row_naming_what_is_not_its_own_even_among_good_rows(string broken, bool deferred)
    {
        // The set-based reference check reduces a statement's rows to their distinct keys: one bad key among many good
        // rows must still fail the whole statement, as a foreign key would.
        var other = await _data.OrganisationAsync("Autre ville " + Guid.NewGuid().ToString("N")[..6]);
        var otherContract = await _data.ContractAsync(other, "X-" + Guid.NewGuid().ToString("N")[..8]);
        var otherLot = await _data.LotAsync(other, otherContract, 1, 10_000m);
        var stranger = await _data.ScalarAsync<Guid>("INSERT INTO participants (organisation_id) VALUES (@other) RETURNING id", new { other });
        var (lot, person, clause, siae) = broken switch
        {
            "lot d'un autre marché" => ("@otherLot", "p.id", "NULL::uuid", "NULL::uuid"),
            "participant d'une autre organisation" => ("l.id", "@stranger", "NULL::uuid", "NULL::uuid"),
            "clause inconnue" => ("l.id", "p.id", "gen_random_uuid()", "NULL::uuid"),
            _ => ("l.id", "p.id", "NULL::uuid", "gen_random_uuid()"),
        };
        var insert = $"""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, clause_id, siae_id, participant_id, employer_siret, modality, period, hours, source)
            SELECT c.organisation_id, c.id, CASE WHEN p.n = 3 THEN {lot} ELSE l.id END, CASE WHEN p.n = 3 THEN {clause} END,
                   CASE WHEN p.n = 3 THEN {siae} END, CASE WHEN p.n = 3 THEN {person} ELSE p.id END,
                   @Siret, 'embauche_directe', '2026-06-01', 7, 'saisie'
              FROM contracts c JOIN lots l ON l.contract_id = c.id AND l.number = 1
             CROSS JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY id) AS n FROM participants WHERE organisation_id = c.organisation_id) p
             WHERE c.id = @Contract
            RETURNING 1
            """;
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _data.ScalarAsync<int>((deferred ? "SELECT begin_deferred_hour_rollups();\n" : "") + insert,
                new { _s.Contract, otherLot, stranger, HoursScenario.Siret }));
        Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal("0 rows, 0 h, 0 version(s)", await StoredAsync());
    }

    [Fact]
    public async Task An_import_checks_each_person_once_yet_refuses_in_a_later_statement_a_stranger_or_a_person_under_another_organisation()
    {
        // An import remembers for the rest of its transaction the people it has found in their organisation and locked
        // (migration 0019). What it remembers is the person within that organisation.
        var other = await _data.OrganisationAsync("Autre ville " + Guid.NewGuid().ToString("N")[..6]);
        var otherContract = await _data.ContractAsync(other, "X-" + Guid.NewGuid().ToString("N")[..8]);
        var args = new
        {
            _s.Organisation, _s.Contract, HoursScenario.Siret, other, otherContract,
            otherLot = await _data.LotAsync(other, otherContract, 1, 10_000m),
            lot = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 1", _s),
            person = _s.People[0].Id, person2 = _s.People[1].Id,
            stranger = await _data.ScalarAsync<Guid>("INSERT INTO participants (organisation_id) VALUES (@other) RETURNING id", new { other }),
        };
        static string Insert(string organisation, string contract, string lot, string person) => $"""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            VALUES ({organisation}, {contract}, {lot}, {person}, @Siret, 'embauche_directe', '2026-06-01', 7, 'saisie');

            """;
        var first = "SELECT begin_deferred_hour_rollups();\n" + Insert("@Organisation", "@Contract", "@lot", "@person");

        var elsewhere = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _data.ScalarAsync<int>(
            first + Insert("@other", "@otherContract", "@otherLot", "@person") + "SELECT 1", args));
        Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, elsewhere.SqlState);
        var stranger = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _data.ScalarAsync<int>(
            first + Insert("@Organisation", "@Contract", "@lot", "@stranger") + "SELECT 1", args));
        Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, stranger.SqlState);
        Assert.Equal("0 rows, 0 h, 0 version(s)", await StoredAsync());

        await _data.ScalarAsync<object>(first + Insert("@Organisation", "@Contract", "@lot", "@person2") + "SELECT flush_deferred_hour_rollups();", args);
        Assert.Equal("2 rows, 14.00 h, 1 version(s)", await StoredAsync());
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 14m);
    }

    [Fact]
    public async Task The_flush_leaves_out_rows_staged_under_a_version_that_is_not_their_months_latest()
    {
        // The flush deletes from its stages the months whose staged version is not the latest statement's before summing them
        // (migration 0020): June's rows are written under version 1 while June also has a version 2, July has no statement.
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_statements (organisation_id, contract_id, period, version)
            VALUES (@Organisation, @Contract, '2026-06-01', 1), (@Organisation, @Contract, '2026-06-01', 2)
            RETURNING 1
            """, _s);
        var args = new
        {
            _s.Organisation, _s.Contract, HoursScenario.Siret, person = _s.People[0].Id, person2 = _s.People[1].Id,
            lot = await _data.ScalarAsync<Guid>("SELECT id FROM lots WHERE contract_id = @Contract AND number = 1", _s),
        };
        await _data.ScalarAsync<object>("""
            SELECT begin_deferred_hour_rollups();
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, version, hours, source)
            VALUES (@Organisation, @Contract, @lot, @person, @Siret, 'embauche_directe', '2026-06-01', 1, 7, 'saisie'),
                   (@Organisation, @Contract, @lot, @person2, @Siret, 'embauche_directe', '2026-07-01', 1, 5, 'saisie'),
                   (@Organisation, @Contract, @lot, @person2, @Siret, 'embauche_directe', '2026-06-01', 2, 3, 'saisie');
            SELECT flush_deferred_hour_rollups();
            """, args);

        Assert.Equal("3 rows, 15.00 h, 2 version(s)", await StoredAsync());
        await Spar.SparRollupTests.AssertExactAsync(_data, _s.Organisation, 8m);
        Assert.Equal("1 f 8.00 2", await PeopleTotalsAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_table_refuses_rows_of_a_validated_statement_and_an_import_cannot_skip_the_checks(bool deferred)
    {
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_statements (organisation_id, contract_id, period, version, status, validated_at)
            SELECT organisation_id, id, '2026-06-01', 1, 'valide', now() FROM contracts WHERE id = @Contract RETURNING 1
            """, _s);
        var insert = $"""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            SELECT c.organisation_id, c.id, l.id, @Person, @Siret, 'embauche_directe', '2026-06-01', 7, 'saisie'
              FROM contracts c JOIN lots l ON l.contract_id = c.id AND l.number = 1 WHERE c.id = @Contract
            RETURNING 1
            """;
        var args = new { _s.Contract, Person = _s.People[0].Id, HoursScenario.Siret };
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _data.ScalarAsync<int>((deferred ? "SELECT begin_deferred_hour_rollups();\n" : "") + insert, args));
        Assert.Equal(Npgsql.PostgresErrorCodes.ObjectNotInPrerequisiteState, error.SqlState);

        // Setting the import's mode without its stages does not skip the checks: the write fails.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            _data.ScalarAsync<int>("SELECT set_config('clauses.rollups_deferred', 'on', true);\n" + insert.Replace("'2026-06-01'", "'2026-07-01'"), args));
        Assert.Equal("0 rows, 0 h, 0 version(s)", await StoredAsync());
    }
}
