using Clauses.Api.Demo;
using Clauses.Api.Tests.Infrastructure;
using Clauses.Core.Wordings;
using Dapper;
using Npgsql;

namespace Clauses.Api.Tests.Demo;

public sealed class DemoSeederTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    // A fixed anchor: the demo is deterministic for a given anchor month (the product passes the current month).
    private static readonly DateOnly Anchor = new(2026, 6, 1);

    // Sum of all hour_records.hours seeded for Anchor, measured on a fresh database (and by the in-memory
    // generator below). It changes only when the generator changes: then re-measure and update it.
    private const decimal ExpectedTotalHours = 115_632.88m;

    private async Task<NpgsqlConnection> SeededAsync()
    {
        await DemoSeeder.SeedAsync(database.OwnerConnectionString, Anchor, CancellationToken.None);
        var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task Seeding_produces_the_demo_counts()
    {
        await using var connection = await SeededAsync();

        var kinds = (await connection.QueryAsync<string>("SELECT kind FROM organisations")).ToList();
        Assert.Equal(7, kinds.Count);
        Assert.Equal(6, kinds.Count(k => k != "siae"));
        Assert.Single(kinds, k => k == "siae");
        Assert.Contains("metropole", kinds);

        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM contracts") >= 38);
        var siaeKinds = (await connection.QueryAsync<string>("SELECT kind FROM siae")).ToList();
        Assert.Equal(20, siaeKinds.Count);
        Assert.Equal(["ACI", "AI", "EA", "EATT", "EI", "EITI", "ESAT", "ETTI", "GEIQ"], siaeKinds.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM siae WHERE account_organisation_id IS NOT NULL"));

        Assert.Equal(150L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM participants"));
        Assert.Equal(150L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM participant_identities"));
        Assert.Equal(18L, await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT period) FROM hour_records"));
        Assert.Equal(new DateOnly(2024, 12, 1), DateOnly.FromDateTime(await connection.ExecuteScalarAsync<DateTime>("SELECT min(period) FROM hour_records")));
        Assert.Equal(new DateOnly(2026, 5, 1), DateOnly.FromDateTime(await connection.ExecuteScalarAsync<DateTime>("SELECT max(period) FROM hour_records")));
        Assert.InRange(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM exits"), 55L, 65L);
        Assert.InRange(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenders"), 3L, 4L);
        Assert.Equal(DemoSeeder.Users.Count, (int)await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task Hour_records_are_at_most_208_hours_and_on_lots_whose_contract_has_a_clause()
    {
        await using var connection = await SeededAsync();

        Assert.True(await connection.ExecuteScalarAsync<decimal>("SELECT max(hours) FROM hour_records") <= 208m);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM hour_records h
             WHERE NOT EXISTS (SELECT 1 FROM clauses c WHERE c.lot_id = h.lot_id AND c.instrument = 'clause_execution')
                OR NOT EXISTS (SELECT 1 FROM lots l WHERE l.id = h.lot_id AND l.contract_id = h.contract_id)
            """));
        // Hours count only after the eligibility validation, and statements older than two months are validated.
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM hour_records h JOIN eligibility_validations e ON e.participant_id = h.participant_id
             WHERE (h.period + interval '1 month - 1 day')::date < e.validated_on
            """));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM hour_statements WHERE (status = 'valide') <> (period < DATE '2026-04-01')"));
    }

    [Fact]
    public async Task Women_are_between_25_and_40_percent_of_participants()
    {
        await using var connection = await SeededAsync();

        var share = await connection.ExecuteScalarAsync<decimal>(
            "SELECT count(*) FILTER (WHERE sex = 'F')::numeric / count(*) FROM participants");
        Assert.InRange(share, 0.25m, 0.40m);
    }

    [Fact]
    public async Task Seeding_twice_is_a_no_op()
    {
        await using var connection = await SeededAsync();
        var before = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM hour_records");

        Assert.False(await DemoSeeder.SeedAsync(database.OwnerConnectionString, Anchor, CancellationToken.None));
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM hour_records"));
        Assert.Equal(7L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations"));
    }

    [Fact]
    public async Task Seeded_hours_total_is_the_documented_constant()
    {
        await using var connection = await SeededAsync();

        Assert.Equal(ExpectedTotalHours, await connection.ExecuteScalarAsync<decimal>("SELECT sum(hours) FROM hour_records"));
    }

    [Fact]
    public void Generator_is_deterministic()
    {
        var first = DemoBuilder.Build(Anchor);
        var second = DemoBuilder.Build(Anchor);

        Assert.Equal(ExpectedTotalHours, first.Hours.Sum(h => h.Hours));
        Assert.Equal(first.Hours.Sum(h => h.Hours), second.Hours.Sum(h => h.Hours));
        Assert.Equal(first.Contracts.Select(c => (c.Id, c.Reference, c.AmountHt)), second.Contracts.Select(c => (c.Id, c.Reference, c.AmountHt)));
        Assert.Equal(first.Participants.Select(p => p.Id), second.Participants.Select(p => p.Id));
    }

    [Fact]
    public void Every_siret_passes_the_Luhn_check()
    {
        var data = DemoBuilder.Build(Anchor);
        var sirets = data.Organisations.Select(o => o.Siret).Concat(data.Companies.Select(c => c.Siret)).Concat(data.Siae.Select(s => s.Siret));

        Assert.All(sirets, siret =>
        {
            Assert.Matches("^[0-9]{14}$", siret);
            Assert.True(SiretFactory.IsLuhnValid(siret[..9]), siret);
            Assert.True(SiretFactory.IsLuhnValid(siret), siret);
        });
    }

    [Fact]
    public void Demo_users_keep_their_emails_and_stable_object_ids()
    {
        string[] required =
        [
            "marie.dupont@metropole-demo.fr", "julien.martin@metropole-demo.fr", "sophie.bernard@plie-demo.fr",
            "karim.haddad@habitat-demo.fr", "claire.petit@commune-demo.fr", "nadia.benali@departement-demo.fr",
            "thomas.leroy@chu-demo.fr", "paul.moreau@prive-demo.fr", "admin@clauses-demo.fr", "contact@siae-demo.fr",
        ];

        Assert.Equal(required.Order(StringComparer.Ordinal), DemoSeeder.Users.Select(u => u.Email).Order(StringComparer.Ordinal));
        Assert.Equal("clauses-dev", DemoSeeder.DevTenantId);
        Assert.All(DemoSeeder.Users, u => Assert.True(Guid.TryParse(u.ObjectId, out _)));
        Assert.Equal(DemoSeeder.Users.Count, DemoSeeder.Users.Select(u => u.ObjectId).Distinct().Count());
        Assert.Equal(DemoOrganisations.ObjectId("marie.dupont@metropole-demo.fr"), DemoSeeder.Users[0].ObjectId);
    }

    [Fact]
    public async Task The_facilitator_serves_three_organisations_and_the_admin_is_platform_admin()
    {
        await using var connection = await SeededAsync();

        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE u.email = 'sophie.bernard@plie-demo.fr' AND m.role = 'facilitateur'
            """));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT platform_admin FROM users WHERE email = 'admin@clauses-demo.fr'"));
        Assert.Equal("siae", await connection.ExecuteScalarAsync<string>("""
            SELECT o.kind FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
             JOIN siae s ON s.account_organisation_id = o.id
             WHERE u.email = 'contact@siae-demo.fr' AND m.role = 'siae'
            """));
    }

    [Fact]
    public async Task Every_demo_clause_uses_the_latest_national_wording_of_its_instrument()
    {
        await using var connection = await SeededAsync();

        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM clauses WHERE wording_id IS NULL"));
        var used = (await connection.QueryAsync<(string Instrument, string Code, int Version)>(
            "SELECT DISTINCT instrument, wording_code, wording_version FROM clauses")).ToList();
        Assert.All(used, u =>
        {
            var latest = WordingLibrary.Latest(WordingLibrary.DefaultCodeFor(u.Instrument));
            Assert.Equal((latest.Code, latest.Version), (u.Code, u.Version));
        });
    }
}
