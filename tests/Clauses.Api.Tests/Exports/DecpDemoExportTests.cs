using System.Net;
using System.Text.Json;
using Clauses.Api.Demo;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Exports;

/// <summary>Every export of the demo data (DemoSeeder on this class's own database) is a valid DECP file.</summary>
public sealed class DecpDemoExportTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly DateOnly Anchor = new(2026, 6, 1);
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private readonly List<(Guid Id, TestUser Admin)> _buyers = [];

    public async Task InitializeAsync()
    {
        await DemoSeeder.SeedAsync(db.OwnerConnectionString, Anchor, CancellationToken.None);
        var ids = await _data.ScalarAsync<Guid[]>("SELECT array_agg(id ORDER BY name) FROM organisations WHERE kind <> 'siae'");
        foreach (var id in ids)
            _buyers.Add((id, await _data.UserAsync($"admin.{id:N}@exemple.fr", false, (id, "admin"))));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Every_demo_export_validates_and_keeps_pas_de_consideration_alone()
    {
        var periods = new[] { ("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31"), ("2026-01-01", "2026-12-31"), ("2024-01-01", "2026-12-31") };
        var all = new List<string[]>();
        var exported = 0;
        var excluded = new List<string>();
        foreach (var (id, admin) in _buyers)
        {
            var client = _api.ClientFor(admin);
            foreach (var (from, to) in periods)
            {
                var response = await client.GetAsync(new Uri($"/api/organisations/{id}/decp?from={from}&to={to}", UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id} {from}..{to}: {(int)response.StatusCode} {body}");
                await DecpSchemaAssert.IsValidAsync(body);
                var seen = DecpSchemaAssert.ConsiderationsAreExclusive(JsonDocument.Parse(body).RootElement);
                if (from == "2024-01-01" && to == "2026-12-31")
                {
                    all.AddRange(seen);
                    exported += seen.Count;
                    excluded.AddRange(response.Headers.GetValues("X-Clauses-Excluded").Single().Split(", ", StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }

        // The demo has notified marchés with clauses, criteria, reservations and a not-relevant one.
        Assert.True(exported >= 20, $"only {exported} demo contracts exported");
        Assert.Contains(all, v => v.Contains("Clause sociale"));
        Assert.Contains(all, v => v.Contains("Critère social"));
        Assert.Contains(all, v => v.Contains("Marché réservé"));
        Assert.Contains(all, v => v.SequenceEqual(["Pas de considération sociale"]));
        // Notified demo contracts whose lots were never analysed are left out, with the reason.
        Assert.NotEmpty(excluded);
        Assert.All(excluded, e => Assert.Contains("analyse-manquante", e, StringComparison.Ordinal));
    }
}
