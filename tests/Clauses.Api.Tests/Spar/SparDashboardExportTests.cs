using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clauses.Api.Tests.Hours;
using Clauses.Api.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Clauses.Api.Tests.Spar;

/// <summary>
/// The dashboard's exports hold what the JSON (and so the page) shows: the workbook's and the CSV's indicator values and
/// displays equal the JSON's, numbers are numeric cells, and they follow the JSON's access rules (directors see their
/// organisation only, a facilitator each organisation served, a buyer none).
/// </summary>
public sealed class SparDashboardExportTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const int Year = 2025;
    private readonly ApiFactory _api = new(db);
    private readonly TestData _data = new(db);
    private HoursScenario _s = null!;
    private Guid _other;
    private TestUser _director = null!, _buyer = null!, _otherDirector = null!, _facilitator = null!;

    public async Task InitializeAsync()
    {
        _s = await HoursScenario.CreateAsync(_api, _data, "Métropole export", 6);
        await _data.ScalarAsync<int>("UPDATE contracts SET notified_on = '2025-02-01' WHERE id = @Contract RETURNING 1", _s);
        // A contract whose reference and title a spreadsheet would run as formulas.
        var trap = await _data.ContractAsync(_s.Organisation, "=2+3", 50_000m, "@SUM(A1) -marché piège");
        await _data.ScalarAsync<int>("UPDATE contracts SET notified_on = '2025-06-01' WHERE id = @trap RETURNING 1", new { trap });

        _director = await _data.UserAsync($"directeur.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "directeur"));
        _buyer = await _data.UserAsync($"acheteur.{Guid.NewGuid():N}@exemple.fr", false, (_s.Organisation, "acheteur"));
        _other = await _data.OrganisationAsync("Commune voisine");
        _otherDirector = await _data.UserAsync($"directeur.{Guid.NewGuid():N}@exemple.fr", false, (_other, "directeur"));
        // A new account: the scenario's facilitator is already known (and cached) with one organisation.
        _facilitator = await _data.UserAsync($"facilitateur.{Guid.NewGuid():N}@exemple.fr", false,
            (_s.Organisation, "facilitateur"), (_other, "facilitateur"));

        Assert.True((await _api.ClientFor(_director).PutAsJsonAsync($"/api/organisations/{_s.Organisation}/spar-targets/{Year}/heures_insertion",
            new { targetValue = 1_200m })).IsSuccessStatusCode);
        await _s.SendAsync(false,
            HoursScenario.Row(1, _s.People[0].Reference, 35m, "2025-03-01"), HoursScenario.Row(2, _s.People[1].Reference, 20.5m, "2025-03-01"),
            HoursScenario.Row(3, _s.People[2].Reference, 14.25m, "2025-04-01"), HoursScenario.Row(4, _s.People[3].Reference, 7m, "2025-04-01"),
            HoursScenario.Row(5, _s.People[4].Reference, 12m, "2025-05-01"), HoursScenario.Row(6, _s.People[5].Reference, 3.5m, "2025-05-01"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private string Query(Guid? organisation = null, int year = Year) =>
        $"?organisationId={organisation ?? _s.Organisation}&year={year.ToString(CultureInfo.InvariantCulture)}";

    private async Task<JsonElement> JsonAsync(HttpClient client, Guid? organisation = null)
    {
        var response = await client.GetAsync(new Uri("/api/spar/dashboard" + Query(organisation), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<byte[]> FileAsync(HttpClient client, string path, string contentType)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^tableau-de-bord-spar-[a-z0-9-]+-\d{4}\.(xlsx|csv)$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static decimal? Decimal(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    [Fact]
    public async Task The_workbook_has_one_sheet_per_block_and_its_indicators_equal_the_json()
    {
        var client = _api.ClientFor(_director);
        var json = await JsonAsync(client);
        var workbook = Workbook.Read(await FileAsync(client, "/api/spar/dashboard.xlsx" + Query(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

        Assert.Equal(["Indicateurs", "Heures par mois", "Répartitions", "Marchés", "Clauses"], workbook.Keys);
        var kpis = workbook["Indicateurs"];
        Assert.Contains("Métropole export", kpis[1][0].Text);
        Assert.Contains("2025", kpis[1][0].Text);
        Assert.Equal(["Code", "Indicateur", "Valeur", "Unité", "Affichage"], kpis[3].OrderBy(c => c.Key).Take(5).Select(c => c.Value.Text));

        var rows = kpis.Where(r => r.Key > 3).ToDictionary(r => r.Value[0].Text!, r => r.Value);
        Assert.Equal(json.GetProperty("kpis").GetArrayLength(), rows.Count);
        foreach (var kpi in json.GetProperty("kpis").EnumerateArray())
        {
            var row = rows[kpi.GetProperty("code").GetString()!];
            Assert.Equal(Decimal(kpi.GetProperty("value")), row.GetValueOrDefault(2).Number);
            Assert.Equal(kpi.GetProperty("display").GetString(), row[4].Text);
            Assert.Equal(Decimal(kpi.GetProperty("target")), row.GetValueOrDefault(6).Number);
        }
        // Not a trivial dashboard: hours and their target are there, as numbers.
        Assert.Equal(92.25m, rows["heures_insertion"][2].Number);
        Assert.Equal(1_200m, rows["heures_insertion"][6].Number);

        var months = workbook["Heures par mois"].Where(r => r.Key > 3).Select(r => r.Value).ToList();
        Assert.Equal(json.GetProperty("months").EnumerateArray().Select(m => (decimal?)m.GetProperty("hours").GetDecimal()),
            months.Select(m => m[2].Number));
        Assert.Equal(json.GetProperty("contracts").GetArrayLength(), workbook["Marchés"].Count(r => r.Key > 3));
        Assert.Equal(json.GetProperty("clauses").GetArrayLength(), workbook["Clauses"].Count(r => r.Key > 3));
        Assert.Equal("=2+3", workbook["Marchés"].Values.Single(r => r[0].Text == "=2+3")[0].Text);   // text cell, never a formula
    }

    [Fact]
    public async Task The_csv_opens_in_french_excel_and_its_indicators_equal_the_json()
    {
        var client = _api.ClientFor(_director);
        var json = await JsonAsync(client);
        var bytes = await FileAsync(client, "/api/spar/dashboard.csv" + Query(), "text/csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var sections = Csv.Sections(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Contains("Métropole export", sections[""][0][0]);
        Assert.Equal(["", "Indicateurs", "Heures par mois", "Répartitions", "Marchés", "Clauses"], sections.Keys);

        var kpis = sections["Indicateurs"];
        Assert.Equal("Code", kpis[0][0]);
        var rows = kpis.Skip(1).ToDictionary(r => r[0]);
        Assert.Equal(json.GetProperty("kpis").GetArrayLength(), rows.Count);
        foreach (var kpi in json.GetProperty("kpis").EnumerateArray())
        {
            var row = rows[kpi.GetProperty("code").GetString()!];
            Assert.Equal(Decimal(kpi.GetProperty("value")), row[2] == "" ? null : decimal.Parse(row[2].Replace(',', '.'), CultureInfo.InvariantCulture));
            Assert.Equal(kpi.GetProperty("display").GetString(), row[4]);
        }
        Assert.Equal("92,25", rows["heures_insertion"][2]);   // decimal comma, no thousands separator

        // Text a spreadsheet would run as a formula keeps a leading apostrophe.
        var trap = sections["Marchés"].Single(r => r[0].EndsWith("=2+3", StringComparison.Ordinal));
        Assert.Equal("'=2+3", trap[0]);
        Assert.Equal("'@SUM(A1) -marché piège", trap[1]);
    }

    [Fact]
    public async Task A_buyer_gets_a_french_404_for_the_dashboard_and_its_exports()
    {
        var client = _api.ClientFor(_buyer);
        foreach (var path in new[] { "/api/spar/dashboard", "/api/spar/dashboard.xlsx", "/api/spar/dashboard.csv" })
        {
            await ProblemAssert.IsProblem(await client.GetAsync(new Uri(path + Query(), UriKind.Relative)), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblem(await client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_director_gets_neither_the_dashboard_nor_the_exports_of_another_organisation()
    {
        var client = _api.ClientFor(_otherDirector);
        foreach (var path in new[] { "/api/spar/dashboard", "/api/spar/dashboard.xlsx", "/api/spar/dashboard.csv" })
            await ProblemAssert.IsProblem(await client.GetAsync(new Uri(path + Query(_s.Organisation), UriKind.Relative)), HttpStatusCode.NotFound);

        var own = Workbook.Read(await FileAsync(client, "/api/spar/dashboard.xlsx" + Query(_other),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.Contains("Commune voisine", own["Indicateurs"][1][0].Text);
    }

    [Fact]
    public async Task A_facilitator_serving_two_organisations_exports_each()
    {
        var client = _api.ClientFor(_facilitator);
        foreach (var (organisation, name) in new[] { (_s.Organisation, "Métropole export"), (_other, "Commune voisine") })
        {
            Assert.Equal(name, (await JsonAsync(client, organisation)).GetProperty("organisationName").GetString());
            var workbook = Workbook.Read(await FileAsync(client, "/api/spar/dashboard.xlsx" + Query(organisation),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            Assert.Contains(name, workbook["Indicateurs"][1][0].Text);
            var csv = Csv.Sections(Encoding.UTF8.GetString(await FileAsync(client, "/api/spar/dashboard.csv" + Query(organisation), "text/csv")));
            Assert.Contains(name, csv[""][0][0]);
        }
        var organisations = await client.GetFromJsonAsync<JsonElement>("/api/spar/organisations");
        Assert.Equal(["Commune voisine", "Métropole export"], organisations.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_export_for_an_impossible_year_is_refused_in_french()
    {
        var response = await _api.ClientFor(_director).GetAsync(new Uri("/api/spar/dashboard.xlsx" + Query(year: 1990), UriKind.Relative));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    /// <summary>A workbook read back with DocumentFormat.OpenXml: sheet name → row number → cells (by column), text or number.</summary>
    internal static class Workbook
    {
        public readonly record struct Cell(string? Text, decimal? Number);

        public static Dictionary<string, SortedDictionary<int, Dictionary<int, Cell>>> Read(byte[] bytes)
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var part = document.WorkbookPart!;
            var result = new Dictionary<string, SortedDictionary<int, Dictionary<int, Cell>>>();
            foreach (var sheet in part.Workbook.Sheets!.Elements<S.Sheet>())
            {
                var rows = new SortedDictionary<int, Dictionary<int, Cell>>();
                foreach (var row in ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<S.Row>())
                {
                    var cells = new Dictionary<int, Cell>();
                    foreach (var cell in row.Elements<S.Cell>())
                    {
                        Assert.Null(cell.CellFormula);
                        var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;
                        cells[column] = cell.DataType?.Value == S.CellValues.InlineString
                            ? new Cell(cell.InlineString!.InnerText, null)
                            : new Cell(null, decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                    }
                    rows[(int)row.RowIndex!.Value] = cells;
                }
                result[sheet.Name!.Value!] = rows;
            }
            return result;
        }
    }

    /// <summary>The CSV read back: ';' fields with '"' quoting; blocks separated by blank lines, each named on its first line
    /// (the title block is named "").</summary>
    internal static class Csv
    {
        public static Dictionary<string, List<string[]>> Sections(string text)
        {
            var sections = new Dictionary<string, List<string[]>>();
            List<string[]>? current = null;
            var first = true;
            foreach (var line in Lines(text))
            {
                if (line.Length == 1 && line[0] == "") { current = null; continue; }
                if (current is null)
                {
                    current = [];
                    if (first) { sections[""] = current; current.Add(line); first = false; }
                    else sections[line[0]] = current;
                    continue;
                }
                current.Add(line);
            }
            return sections;
        }

        private static IEnumerable<string[]> Lines(string text)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return [.. fields];
                    fields.Clear();
                }
                else field.Append(c);
            }
        }
    }
}
