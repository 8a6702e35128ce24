using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Hours;

/// <summary>An organisation with a facilitator, a contract whose lot 1 carries an execution clause, and eligible participants.</summary>
public sealed class HoursScenario
{
    public const string Siret = "73282932000074";
    public Guid Organisation { get; private init; }
    public Guid Contract { get; private init; }
    public TestUser Facilitator { get; private init; } = null!;
    public HttpClient Client { get; private init; } = null!;
    public List<(Guid Id, string Reference)> People { get; } = [];

    public static async Task<HoursScenario> CreateAsync(ApiFactory api, TestData data, string name, int people = 3)
    {
        var organisation = await data.OrganisationAsync(name);
        var facilitator = await data.UserAsync($"facilitateur.{Guid.NewGuid():N}@exemple.fr", false, (organisation, "facilitateur"));
        var contract = await data.ContractAsync(organisation, "H-" + Guid.NewGuid().ToString("N")[..8], 2_000_000m);
        await data.ScalarAsync<int>("UPDATE contracts SET starts_on = '2025-01-01', ends_on = '2027-12-31' WHERE id = @contract RETURNING 1", new { contract });
        var lot1 = await data.LotAsync(organisation, contract, 1, 1_000_000m);
        await data.LotAsync(organisation, contract, 2, 500_000m);   // lot 2 carries no clause
        await ExecutionClauseAsync(data, organisation, lot1, "{embauche_directe,interim_etti}");
        var scenario = new HoursScenario { Organisation = organisation, Contract = contract, Facilitator = facilitator, Client = api.ClientFor(facilitator) };
        for (var i = 0; i < people; i++) await scenario.AddPersonAsync($"Personne{i}", "Léa", new DateOnly(1990, 1, 1 + i));
        return scenario;
    }

    /// <summary>An execution clause of 1 000 hours on the lot, for the given modalities (a PostgreSQL array literal).</summary>
    public static Task<int> ExecutionClauseAsync(TestData data, Guid organisation, Guid lot, string modalities = "{embauche_directe}") =>
        data.ScalarAsync<int>("""
            INSERT INTO clauses (organisation_id, lot_id, instrument, sizing_mode, target_hours, allowed_modalities)
            VALUES (@organisation, @lot, 'clause_execution', 'heures_fixes', 1000, @modalities::text[]) RETURNING 1
            """, new { organisation, lot, modalities });

    /// <summary>Another contract of the organisation, executed 2025–2027, its lot 1 carrying an execution clause.</summary>
    public async Task<Guid> AddContractAsync(TestData data)
    {
        var contract = await data.ContractAsync(Organisation, "H-" + Guid.NewGuid().ToString("N")[..8], 2_000_000m);
        await data.ScalarAsync<int>("UPDATE contracts SET starts_on = '2025-01-01', ends_on = '2027-12-31' WHERE id = @contract RETURNING 1", new { contract });
        await ExecutionClauseAsync(data, Organisation, await data.LotAsync(Organisation, contract, 1, 1_000_000m));
        return contract;
    }

    public async Task<(Guid Id, string Reference)> AddPersonAsync(string lastName, string firstName, DateOnly birthDate, bool validated = true)
    {
        var created = await Client.PostAsJsonAsync("/api/participants", new
        {
            organisationId = Organisation, identity = new { lastName, firstName, birthDate }, sex = "F", departement = "69",
        });
        created.EnsureSuccessStatusCode();
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var person = (json.GetProperty("id").GetGuid(), json.GetProperty("reference").GetString()!);
        if (validated)
            (await Client.PostAsJsonAsync($"/api/participants/{person.Item1}/validations", new
            {
                criteria = new[] { "rsa" }, basis = "critere", evidenceReference = "Attestation CAF", validatedOn = "2025-01-01",
            })).EnsureSuccessStatusCode();
        People.Add(person);
        return person;
    }

    public static object Row(int row, string reference, decimal hours, string period = "2025-03-01", int lot = 1, string modality = "embauche_directe",
        string siret = Siret, string periodKind = "mois", string? evidence = null) => new
        {
            row, lotNumber = lot, participantReference = reference, employerSiret = siret, modality, period, periodKind, hours, evidenceReference = evidence,
        };

    public async Task<JsonElement> SendAsync(bool dryRun, params object[] rows)
    {
        var response = await Client.PostAsJsonAsync($"/api/contracts/{Contract}/hours/batch", new { dryRun, source = "excel", rows });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
