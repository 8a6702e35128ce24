using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Clauses.Api.Tests.Clauses;

public sealed class ClausesApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private Guid _org;
    private TestUser _buyer = null!, _outsider = null!;

    public async Task InitializeAsync()
    {
        _org = await _data.OrganisationAsync("Métropole clauses", "metropole");
        _buyer = await _data.UserAsync("acheteur.clauses@exemple.fr", false, (_org, "acheteur"));
        var other = await _data.OrganisationAsync("Autre ville");
        _outsider = await _data.UserAsync("acheteur.autre.clauses@exemple.fr", false, (other, "acheteur"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(Guid Contract, Guid Lot)> LotAsync(string reference)
    {
        var contract = await _data.ContractAsync(_org, reference, 2_000_000m, "Réhabilitation du groupe scolaire Jean Moulin");
        return (contract, await _data.LotAsync(_org, contract, 3, 1_000_000m));
    }

    private static object ExecutionClause(decimal amount = 1_000_000m) => new
    {
        instrument = "clause_execution", sizingMode = "heures_fixes", amountHt = amount, labourShare = 0.5m,
        labourShareSource = "table_sourcee", insertionRate = 0.05m, hourlyCost = 30m, roundingMode = "demi_superieur",
        eligibleCriteria = new[] { "deld", "rsa", "jeune_sans_qualification" },
        allowedModalities = new[] { "embauche_directe", "interim_etti", "sous_traitance_siae" },
        penaltyPerHour = 45m, penaltyCap = 20_000m, reportingFrequency = "mensuelle",
        facilitatorContact = "Maison de l'emploi – clauses@mde-exemple.fr – 04 00 00 00 00",
    };

    [Fact]
    public async Task A_sized_execution_clause_renders_as_a_tagged_content_control()
    {
        var (_, lot) = await LotAsync("C-001");
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", ExecutionClause());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clause = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(833m, clause.GetProperty("targetHours").GetDecimal());
        Assert.Equal("execution_heures", clause.GetProperty("wordingCode").GetString());
        var id = clause.GetProperty("id").GetGuid();

        var render = await client.GetFromJsonAsync<JsonElement>($"/api/clauses/{id}/render");
        var tag = render.GetProperty("tag").GetString()!;
        Assert.StartsWith($"clauses:{id}:v1:", tag, StringComparison.Ordinal);
        Assert.Equal(tag, clause.GetProperty("tag").GetString());
        var ooxml = render.GetProperty("ooxml").GetString()!;
        Assert.Contains("pkg:package", ooxml, StringComparison.Ordinal);
        Assert.Contains("<w:sdt>", ooxml, StringComparison.Ordinal);
        Assert.Contains($"w:val=\"{tag}\"", ooxml, StringComparison.Ordinal);
        Assert.Contains("833", render.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<w:sdt>", render.GetProperty("contentOoxml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_amount_makes_the_documents_copy_outdated_and_the_check_says_so()
    {
        var (contract, lot) = await LotAsync("C-002");
        var client = _api.ClientFor(_buyer);
        var created = await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", ExecutionClause());
        var first = await created.Content.ReadFromJsonAsync<JsonElement>();
        var oldTag = first.GetProperty("tag").GetString()!;

        var put = new HttpRequestMessage(HttpMethod.Put, created.Headers.Location) { Content = JsonContent.Create(ExecutionClause(1_500_000m)) };
        put.Headers.IfMatch.Add(new(created.Headers.ETag!.Tag));
        var updated = await (await client.SendAsync(put)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1250m, updated.GetProperty("targetHours").GetDecimal());
        var newTag = updated.GetProperty("tag").GetString()!;
        Assert.NotEqual(oldTag, newTag);

        var check = await (await client.PostAsJsonAsync($"/api/contracts/{contract}/document-check",
            new { tags = new[] { oldTag, "clauses:00000000-0000-0000-0000-000000000000:v1:abcdef12", "autre-chose" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var outdated = check.GetProperty("outdated").EnumerateArray().Single();
        Assert.Equal(newTag, outdated.GetProperty("currentTag").GetString());
        Assert.Equal(1, outdated.GetProperty("fromVersion").GetInt32());
        Assert.Equal(2, outdated.GetProperty("toVersion").GetInt32());
        Assert.Equal(2, check.GetProperty("unknown").GetArrayLength());
        Assert.Equal(0, check.GetProperty("missing").GetArrayLength());

        var current = await (await client.PostAsJsonAsync($"/api/contracts/{contract}/document-check", new { tags = new[] { newTag } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, current.GetProperty("upToDate").GetArrayLength());

        var empty = await (await client.PostAsJsonAsync($"/api/contracts/{contract}/document-check", new { tags = Array.Empty<string>() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(newTag, empty.GetProperty("missing").EnumerateArray().Single().GetProperty("tag").GetString());
    }

    [Fact]
    public async Task The_annex_docx_holds_each_clause_in_its_tagged_control_with_the_right_text()
    {
        var (contract, lot) = await LotAsync("C-003");
        var client = _api.ClientFor(_buyer);
        var clause = await (await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", ExecutionClause())).Content.ReadFromJsonAsync<JsonElement>();
        var tag = clause.GetProperty("tag").GetString()!;

        var response = await client.GetAsync(new Uri($"/api/contracts/{contract}/annex.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "clauses-annex"));
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "clauses-annex", "annexe.docx"), bytes);   // for a look with LibreOffice

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.Contains("Annexe – clauses sociales", body.InnerText, StringComparison.Ordinal);
        var control = body.Descendants<SdtBlock>().Single();
        Assert.Equal(tag, control.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value);
        Assert.Contains("833 heures", control.InnerText.Replace('\u202F', ' ').Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("L. 2112-2", control.InnerText, StringComparison.Ordinal);
        Assert.Single(body.Descendants<Table>());
    }

    [Fact]
    public async Task An_award_criterion_needs_its_weight_and_a_lot_takes_one_clause_per_instrument()
    {
        var (_, lot) = await LotAsync("C-004");
        var client = _api.ClientFor(_buyer);
        var noWeight = await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", new { instrument = "critere_attribution" });
        var problem = await ProblemAssert.IsProblem(noWeight, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldErrors(problem, "awardWeight"));

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/lots/{lot}/clauses",
            new { instrument = "critere_attribution", awardWeight = 15m })).StatusCode);
        var twice = await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", new { instrument = "critere_attribution", awardWeight = 10m });
        Assert.NotEmpty(ProblemAssert.FieldErrors(await ProblemAssert.IsProblem(twice, HttpStatusCode.BadRequest), "instrument"));
    }

    [Fact]
    public async Task An_execution_clause_without_a_volume_is_refused_and_nothing_is_stored()
    {
        var (_, lot) = await LotAsync("C-005");
        var response = await _api.ClientFor(_buyer).PostAsJsonAsync($"/api/lots/{lot}/clauses",
            new { instrument = "clause_execution", amountHt = 1_000_000m, labourShare = 0.5m, allowedModalities = new[] { "embauche_directe", "formation" } });
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await _data.ScalarAsync<long>("SELECT count(*) FROM clauses WHERE lot_id = @lot", new { lot }));
    }

    [Fact]
    public async Task An_organisations_own_wording_version_is_used_and_the_national_one_stays_readable()
    {
        var (_, lot) = await LotAsync("C-006");
        var client = _api.ClientFor(_buyer);
        var national = (await client.GetFromJsonAsync<JsonElement>("/api/wordings?instrument=clause_execution")).EnumerateArray().ToList();
        Assert.True(national.Count >= 2, "the execution clause has several national versions");
        var latest = national.Max(w => w.GetProperty("version").GetInt32());

        var body = national.First(w => w.GetProperty("version").GetInt32() == latest).GetProperty("body").GetString()
            + "\n\nClause propre à la Métropole : le titulaire participe au comité de suivi annuel.";
        var created = await client.PostAsJsonAsync($"/api/organisations/{_org}/wordings", new { code = "execution_heures", body });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(latest + 1, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var clause = await (await client.PostAsJsonAsync($"/api/lots/{lot}/clauses", ExecutionClause())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(latest + 1, clause.GetProperty("wordingVersion").GetInt32());
        var render = await client.GetFromJsonAsync<JsonElement>($"/api/clauses/{clause.GetProperty("id").GetGuid()}/render");
        Assert.Contains("comité de suivi annuel", render.GetProperty("text").GetString(), StringComparison.Ordinal);

        var bad = await client.PostAsJsonAsync($"/api/organisations/{_org}/wordings", new { code = "execution_heures", body = "{{inconnue}}" });
        await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest);
        var outsiderView = await _api.ClientFor(_outsider).GetFromJsonAsync<JsonElement>("/api/wordings?instrument=clause_execution");
        Assert.DoesNotContain(outsiderView.EnumerateArray(), w => w.GetProperty("version").GetInt32() == latest + 1);
    }

    [Fact]
    public async Task Outsiders_cannot_see_or_render_a_clause()
    {
        var (contract, lot) = await LotAsync("C-007");
        var clause = await (await _api.ClientFor(_buyer).PostAsJsonAsync($"/api/lots/{lot}/clauses", ExecutionClause())).Content.ReadFromJsonAsync<JsonElement>();
        var id = clause.GetProperty("id").GetGuid();
        var outsider = _api.ClientFor(_outsider);
        await ProblemAssert.IsProblem(await outsider.GetAsync(new Uri($"/api/clauses/{id}/render", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await outsider.GetAsync(new Uri($"/api/contracts/{contract}/annex.docx", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
