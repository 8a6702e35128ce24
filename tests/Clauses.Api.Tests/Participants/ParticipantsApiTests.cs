using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Hours;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Participants;

public sealed class ParticipantsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_facilitator_of_A_cannot_read_a_participant_of_B()
    {
        var a = await HoursScenario.CreateAsync(_api, _data, "Organisation A", 1);
        var b = await HoursScenario.CreateAsync(_api, _data, "Organisation B", 1);
        var other = b.People[0].Id;

        await ProblemAssert.IsProblem(await a.Client.GetAsync(new Uri($"/api/participants/{other}", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await a.Client.GetAsync(new Uri($"/api/participants?organisationId={b.Organisation}", UriKind.Relative)), HttpStatusCode.Forbidden);
        var list = await a.Client.GetFromJsonAsync<JsonElement>("/api/participants");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == other);
    }

    [Fact]
    public async Task Buyers_see_no_participant_and_identities_stay_with_facilitators()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation C", 1);
        var buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (s.Organisation, "acheteur"));
        var client = _api.ClientFor(buyer);
        await ProblemAssert.IsProblem(await client.GetAsync(new Uri($"/api/participants?organisationId={s.Organisation}", UriKind.Relative)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await client.GetAsync(new Uri($"/api/participants/{s.People[0].Id}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_read_of_an_identity_is_written_to_the_audit_log()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation D", 2);
        var id = s.People[0].Id;
        var before = await AuditCountAsync(id);

        var detail = await s.Client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.Equal("Personne0", detail.GetProperty("identity").GetProperty("lastName").GetString());
        var list = await s.Client.GetFromJsonAsync<JsonElement>($"/api/participants?organisationId={s.Organisation}");
        Assert.Equal("PERSONNE0 Léa", list.GetProperty("items")[0].GetProperty("displayName").GetString());

        Assert.Equal(before + 2, await AuditCountAsync(id));
        Assert.Equal(s.Facilitator.Id, await _data.ScalarAsync<Guid>(
            "SELECT user_id FROM audit_log WHERE action = 'participant.identity.read' AND entity_id = @id", new { id = id.ToString() }));
    }

    private Task<long> AuditCountAsync(Guid id) => _data.ScalarAsync<long>(
        "SELECT count(*) FROM audit_log WHERE details @> jsonb_build_object('ids', jsonb_build_array(@id::text))", new { id });

    [Fact]
    public async Task A_participant_without_identity_or_with_a_bad_validation_is_refused_in_french()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation E", 0);
        var bad = await s.Client.PostAsJsonAsync("/api/participants", new { organisationId = s.Organisation, identity = new { lastName = "", birthDate = "2030-01-01" } });
        var problem = await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "identity.lastName"));
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "identity.birthDate"));

        var person = await s.AddPersonAsync("Durand", "Paul", new DateOnly(1970, 4, 2), validated: false);
        var validation = await s.Client.PostAsJsonAsync($"/api/participants/{person.Id}/validations",
            new { criteria = new[] { "rsa" }, basis = "avis_prescripteur", validatedOn = "2025-01-01" });
        var invalid = await ProblemAssert.IsProblem(validation, HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Exits_get_a_six_month_follow_up()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation F", 1);
        var id = s.People[0].Id;
        var exit = await s.Client.PostAsJsonAsync($"/api/participants/{id}/exits", new { exitedOn = "2025-08-31", outcome = "cdi" });
        Assert.Equal(HttpStatusCode.Created, exit.StatusCode);
        var body = await exit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-02-28", body.GetProperty("followUpDueOn").GetString());
        var followUp = await s.Client.PutAsJsonAsync($"/api/participants/{id}/exits/{body.GetProperty("id").GetGuid()}/follow-up",
            new { followUpOn = "2026-03-02", outcome = "cdi" });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var twice = await s.Client.PostAsJsonAsync($"/api/participants/{id}/exits", new { exitedOn = "2025-08-31", outcome = "cdi" });
        await ProblemAssert.IsProblem(twice, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Export_holds_everything_about_the_person_and_is_audited()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation G", 1);
        await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 35m));
        var export = await s.Client.GetFromJsonAsync<JsonElement>($"/api/participants/{s.People[0].Id}/export");
        Assert.Equal("Personne0", export.GetProperty("identity").GetProperty("lastName").GetString());
        Assert.Equal(1, export.GetProperty("validations").GetArrayLength());
        Assert.Equal(35m, export.GetProperty("hours")[0].GetProperty("hours").GetDecimal());
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'participant.export' AND entity_id = @id",
            new { id = s.People[0].Id.ToString() }));
    }

    [Fact]
    public async Task Erasure_deletes_unless_validated_hours_must_be_kept_then_it_anonymises()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation H", 2);
        var (free, kept) = (s.People[0].Id, s.People[1].Id);
        await s.SendAsync(false, HoursScenario.Row(2, s.People[0].Reference, 10m, period: "2025-05-01"), HoursScenario.Row(3, s.People[1].Reference, 35m));
        await s.Client.PostAsync(new Uri($"/api/contracts/{s.Contract}/statements/2025-03-01/validate", UriKind.Relative), null);

        var erased = await (await s.Client.DeleteAsync(new Uri($"/api/participants/{free}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("efface", erased.GetProperty("outcome").GetString());
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM participants WHERE id = @free", new { free }));
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM hour_records WHERE participant_id = @free", new { free }));

        var anonymised = await (await s.Client.DeleteAsync(new Uri($"/api/participants/{kept}", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("anonymise", anonymised.GetProperty("outcome").GetString());
        Assert.Equal(0L, await _data.ScalarAsync<long>("SELECT count(*) FROM participant_identities WHERE participant_id = @kept", new { kept }));
        Assert.Equal(35m, await _data.ScalarAsync<decimal>("SELECT sum(hours) FROM hour_records WHERE participant_id = @kept", new { kept }));
    }

    [Fact]
    public async Task The_retention_job_anonymises_people_inactive_beyond_the_organisations_period()
    {
        var s = await HoursScenario.CreateAsync(_api, _data, "Organisation I", 2);
        var admin = await _data.UserAsync($"admin.{Guid.NewGuid():N}@exemple.fr", false, (s.Organisation, "admin"));
        await _data.ScalarAsync<int>("UPDATE organisations SET retention_months = 12 WHERE id = @Organisation RETURNING 1", s);
        var (old, recent) = (s.People[0].Id, s.People[1].Id);
        await _data.ScalarAsync<int>("UPDATE participants SET last_activity_on = current_date - 400 WHERE id = @old RETURNING 1", new { old });
        await _data.ScalarAsync<int>("UPDATE participants SET last_activity_on = current_date - 30 WHERE id = @recent RETURNING 1", new { recent });

        var run = await _api.ClientFor(admin).PostAsync(new Uri($"/api/organisations/{s.Organisation}/retention/run", UriKind.Relative), null);
        Assert.Equal(1, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("anonymised").GetInt32());
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM participant_identities WHERE organisation_id = @Organisation", s));
        Assert.NotNull(await _data.ScalarAsync<DateTime?>("SELECT anonymised_at FROM participants WHERE id = @old", new { old }));
    }
}
