using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Clauses.Api.Tests.Infrastructure;
using static Clauses.Api.Tests.Infrastructure.XlsxBuilder;

namespace Clauses.Api.Tests.Hours;

public sealed class ImportsApiTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;

    public async Task InitializeAsync() => _s = await HoursScenario.CreateAsync(_api, _data, "Ville imports", 3);
    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Cell[] Row(int person, decimal hours, string period = "03/2025", string modality = "embauche_directe", string? evidence = "Bulletin de paie") =>
        [new Number(1), new Text($"PERSONNE{person} Léa – {_s.People[person].Reference}"), new Text(HoursScenario.Siret), new Text(modality),
         new Text(period), new Number(hours), new Text(evidence ?? "")];

    private async Task<HttpResponseMessage> ImportAsync(byte[] file, string mode = "sync")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contracts/{_s.Contract}/imports?mode={mode}") { Content = content };
        request.Headers.Add("X-File-Name", "heures-mars.xlsx");
        return await _s.Client.SendAsync(request);
    }

    private Task<(long Rows, decimal Hours)> TotalsAsync() => _data.ScalarAsync<string>(
            "SELECT count(*) || ';' || coalesce(sum(hours), 0) FROM hour_records WHERE contract_id = @Contract", _s)
        .ContinueWith(t => (long.Parse(t.Result.Split(';')[0], System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(t.Result.Split(';')[1], System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task The_same_workbook_imported_twice_leaves_the_same_totals()
    {
        var file = HoursSheet([Row(0, 35m), Row(1, 70.5m), Row(2, 12m, period: "avril 2025")]);
        var first = await ImportAsync(file);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var totals = await TotalsAsync();
        Assert.Equal((3L, 117.5m), totals);

        var second = await ImportAsync(file);
        Assert.Equal(3, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unchanged").GetInt32());
        Assert.Equal(totals, await TotalsAsync());
    }

    [Fact]
    public async Task Two_concurrent_imports_of_the_same_workbook_leave_one_copy()
    {
        var file = HoursSheet([Row(0, 35m, period: "05/2025"), Row(1, 20m, period: "05/2025"), Row(2, 10m, period: "05/2025")]);
        var answers = await Task.WhenAll(ImportAsync(file), ImportAsync(file), ImportAsync(file));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var accepted = 0;
        foreach (var a in answers) accepted += (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
        Assert.Equal(3, accepted);
        Assert.Equal("3;65.00", await _data.ScalarAsync<string>(
            "SELECT count(*) || ';' || sum(hours) FROM hour_records WHERE contract_id = @Contract AND period = '2025-05-01'", _s));
    }

    public static TheoryData<string> Corpus() =>
    [
        "pas un zip", "zip tronqué", "bombe zip", "entité externe XML", "1 000 000 lignes", "types erronés", "heures négatives",
        "60 h en une semaine", "participant inconnu", "cellule formule", "texte injecté", "injection SQL",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_gets_a_clear_french_4xx_and_nothing_is_stored(string name)
    {
        var before = await TotalsAsync();
        var file = name switch
        {
            "pas un zip" => "Nom;Heures\nDupont;35\n"u8.ToArray(),
            "zip tronqué" => HoursSheet([Row(0, 35m)])[..200],
            "bombe zip" => Bomb(300_000_000),
            "entité externe XML" => Package("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>"""),
            "1 000 000 lignes" => ManyRows(1_000_000),
            "types erronés" => HoursSheet([[new Text("un"), new Text(_s.People[0].Reference), new Text(HoursScenario.Siret), new Text("embauche_directe"), new Text("bientôt"), new Text("trente"), new Text("")]]),
            "heures négatives" => HoursSheet([Row(0, -3m)]),
            "60 h en une semaine" => HoursSheet([Row(0, 60m, period: "2025-W10")]),
            "participant inconnu" => HoursSheet([[new Number(1), new Text("P-424242"), new Text(HoursScenario.Siret), new Text("embauche_directe"), new Text("03/2025"), new Number(7), new Text("")]]),
            "cellule formule" => HoursSheet([[new Number(1), new Text(_s.People[0].Reference), new Text(HoursScenario.Siret), new Text("embauche_directe"), new Text("03/2025"), new Formula("SUM(A1:A2)", "35"), new Text("")]]),
            "texte injecté" => HoursSheet([Row(0, 35m), Row(1, 35m, evidence: "=HYPERLINK(\"http://pirate.example\",\"clic\")")]),
            "injection SQL" => HoursSheet([[new Number(1), new Text("'; DROP TABLE hour_records; --"), new Text(HoursScenario.Siret), new Text("embauche_directe"), new Text("03/2025"), new Number(7), new Text("")]]),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var response = await ImportAsync(file);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{name}: {status} {await response.Content.ReadAsStringAsync()}");
        var problem = await ProblemAssert.IsProblem(response, response.StatusCode);
        // French: accents or French articles, never ASP.NET's English defaults.
        Assert.Matches(@"[éèàêçô]|\b(le|la|les|un|une|des|du)\b", problem.GetProperty("detail").GetString()!);
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            Assert.All(errors.EnumerateArray(), e =>
            {
                Assert.Equal("Heures", e.GetProperty("sheet").GetString());
                Assert.True(e.GetProperty("row").GetInt32() >= 2);
                Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            });
        Assert.Equal(before, await TotalsAsync());
        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'hour_records'"));
    }

    [Fact]
    public async Task Errors_point_at_sheet_row_and_column()
    {
        var response = await ImportAsync(HoursSheet([Row(0, 35m), Row(1, 250m), Row(2, 10m, modality: "bénévolat")]));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 3 && e.GetProperty("column").GetString() == "F");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 4 && e.GetProperty("column").GetString() == "D");
        Assert.Equal((0L, 0m), await TotalsAsync());
    }

    [Fact]
    public async Task A_long_import_runs_as_a_job_whose_failure_brings_an_annotated_workbook()
    {
        var accepted = await ImportAsync(HoursSheet([Row(0, 35m), Row(1, -1m)]), mode: "async");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await WaitForJobAsync(accepted.Headers.Location!);
        Assert.Equal("echoue", job.GetProperty("status").GetString());
        Assert.Equal(400, job.GetProperty("problem").GetProperty("status").GetInt32());
        var annotated = await _s.Client.GetAsync(new Uri(job.GetProperty("annotatedWorkbook").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, annotated.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await annotated.Content.ReadAsByteArrayAsync())[..2]));

        var file = HoursSheet([Row(0, 35m), Row(1, 20m)]);
        var ok = await ImportAsync(file, mode: "async");
        var done = await WaitForJobAsync(ok.Headers.Location!);
        Assert.Equal("termine", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("result").GetProperty("accepted").GetInt32());
        // The upload is streamed into the job's row and back out of it (never held whole in memory): byte for byte the
        // file sent, and its rows carry that file's SHA-256.
        var jobId = done.GetProperty("id").GetGuid();
        Assert.Equal(file, await _data.ScalarAsync<byte[]>("SELECT content FROM import_files WHERE job_id = @jobId", new { jobId }));
        Assert.Equal([Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file))], await _data.ListAsync<string>(
            "SELECT DISTINCT encode(file_hash, 'hex') FROM hour_records WHERE contract_id = @Contract", _s));
    }

    /// <summary>Polls the job as the web page does, until it ends (not a timing assertion: the deadline only stops a hung test).</summary>
    private async Task<JsonElement> WaitForJobAsync(Uri location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = await _s.Client.GetFromJsonAsync<JsonElement>(location.ToString());
            if (job.GetProperty("status").GetString() is "termine" or "echoue") return job;
            Assert.True(DateTime.UtcNow < deadline, "the import job did not finish");
            await Task.Delay(50);
        }
    }
}
