using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using Npgsql;

namespace Clauses.Api.Tests.Hours;

/// <summary>
/// hour_records' natural key is led by contract and period (migration 0019): the rule stays one row per person, lot, period,
/// modality and version, and the reads by person — which no index of their own serves any more — still find every row.
/// </summary>
public sealed class HourRecordsKeyTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;
    private Guid _second;      // a second contract of the same organisation, its lot 1 with a clause

    public async Task InitializeAsync()
    {
        _s = await HoursScenario.CreateAsync(_api, _data, "Ville clé", 2);
        _second = await _s.AddContractAsync(_data);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>Stores a row straight into hour_records (the triggers' checks apply, not the API's rules).</summary>
    private Task<int> StoreAsync(Guid contract, int lotNumber, Guid person, string period, decimal hours, Guid? asContract = null) =>
        _data.ScalarAsync<int>("""
            INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, hours, source)
            SELECT l.organisation_id, coalesce(@asContract, l.contract_id), l.id, @person, @Siret, 'embauche_directe', @period::date, @hours, 'saisie'
              FROM lots l WHERE l.contract_id = @contract AND l.number = @lotNumber
            RETURNING 1
            """, new { contract, lotNumber, person, period, hours, asContract, HoursScenario.Siret });

    private Task<long> CountAsync(Guid person) =>
        _data.ScalarAsync<long>("SELECT count(*) FROM hour_records WHERE participant_id = @person", new { person });

    [Fact]
    public async Task A_persons_hours_on_every_contract_of_the_organisation_are_exported_then_erased_with_them()
    {
        var (person, other) = (_s.People[0].Id, _s.People[1].Id);
        await _s.SendAsync(false, HoursScenario.Row(2, _s.People[0].Reference, 35m), HoursScenario.Row(3, _s.People[1].Reference, 20m));
        await StoreAsync(_second, 1, person, "2025-04-01", 7m);

        var export = await _s.Client.GetFromJsonAsync<JsonElement>($"/api/participants/{person}/export");
        var hours = export.GetProperty("hours").EnumerateArray().Select(h => h.GetProperty("hours").GetDecimal()).Order().ToArray();
        Assert.Equal([7m, 35m], hours);

        var erased = await _s.Client.DeleteAsync(new Uri($"/api/participants/{person}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal("efface", (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(0L, await CountAsync(person));
        Assert.Equal(1L, await CountAsync(other));
    }

    [Fact]
    public async Task Validated_hours_on_a_second_contract_turn_erasure_into_anonymisation()
    {
        var person = _s.People[0].Id;
        await StoreAsync(_second, 1, person, "2025-04-01", 7m);
        await _data.ScalarAsync<int>("""
            INSERT INTO hour_statements (organisation_id, contract_id, period, version, status, validated_at)
            VALUES (@Organisation, @_second, '2025-04-01', 1, 'valide', now())
            RETURNING 1
            """, new { _s.Organisation, _second });

        var erased = await _s.Client.DeleteAsync(new Uri($"/api/participants/{person}", UriKind.Relative));
        Assert.Equal("anonymise", (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(1L, await CountAsync(person));
    }

    [Fact]
    public async Task Deleting_a_lot_deletes_its_hours_only()
    {
        var person = _s.People[0].Id;
        await StoreAsync(_s.Contract, 1, person, "2025-03-01", 5m);
        await StoreAsync(_s.Contract, 2, person, "2025-03-01", 6m);
        await _data.ScalarAsync<int>("DELETE FROM lots WHERE contract_id = @Contract AND number = 2 RETURNING 1", _s);
        Assert.Equal(5m, await _data.ScalarAsync<decimal>("SELECT sum(hours) FROM hour_records WHERE participant_id = @person", new { person }));
    }

    [Fact]
    public async Task A_row_cannot_take_another_contract_than_its_lots_so_the_key_keeps_one_copy()
    {
        var person = _s.People[0].Id;
        await StoreAsync(_s.Contract, 1, person, "2025-03-01", 5m);
        // Same person, lot, period, modality and version under the organisation's other contract: the key would not see a
        // duplicate, the reference check refuses the row.
        var error = await Assert.ThrowsAsync<PostgresException>(() => StoreAsync(_s.Contract, 1, person, "2025-03-01", 9m, asContract: _second));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(1L, await CountAsync(person));
    }

    [Fact]
    public async Task A_lot_stays_in_its_contract_and_organisation_but_its_other_columns_change()
    {
        var moved = await Assert.ThrowsAsync<PostgresException>(() => _data.ScalarAsync<int>(
            "UPDATE lots SET contract_id = @_second WHERE contract_id = @Contract AND number = 1 RETURNING 1", new { _s.Contract, _second }));
        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, moved.SqlState);
        var other = await _data.OrganisationAsync("Autre ville");
        var elsewhere = await Assert.ThrowsAsync<PostgresException>(() => _data.ScalarAsync<int>(
            "UPDATE lots SET organisation_id = @other WHERE contract_id = @Contract AND number = 1 RETURNING 1", new { _s.Contract, other }));
        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, elsewhere.SqlState);
        Assert.Equal(1, await _data.ScalarAsync<int>(
            "UPDATE lots SET title = 'Gros œuvre' WHERE contract_id = @Contract AND number = 1 RETURNING 1", _s));
    }
}
