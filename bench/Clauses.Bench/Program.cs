// Driver of bench/hours-import.sh: one sub-command per step, each measuring variant in its own process so that
// its peak memory (VmHWM) is its own. Measurements are printed on stdout as Markdown table rows; progress on stderr.
//
//   seed       OWNER_CS                       one facilitator organisation at a realistic scale; prints KEY=value lines
//   workbook   OWNER_CS ROWS PATH             writes the ROWS-row workbook with HoursTemplate.Write
//   truncate   OWNER_CS                       TRUNCATE hour_records, hour_statements and their SPAR roll-ups
//   api        OWNER_CS URL TOKEN FILE ROWS PID LABEL EXPECT   POST …/imports?mode=sync; EXPECT = accepted | unchanged
//   copy       OWNER_CS ROWS                  binary COPY of the same rows into hour_records
//   copy-bare  OWNER_CS ROWS                  the same COPY into a bare copy of the table (no index, constraint or trigger)
//   copy-into  OWNER_CS ROWS KIND             diagnosis: COPY into a clone with only part of the table's rules
//                                             (pk: natural key only; indexes: its indexes; all: indexes and CHECKs, no trigger)
//   edr        OWNER_CS APP_CS FILE ROWS      ExcelDataReader → HoursPipeline, committed
//   pipeline   OWNER_CS APP_CS ROWS           the same rows generated in memory → HoursPipeline (no workbook), time split
//   reader     FILE ROWS                      HoursWorkbookReader alone, rows discarded
//   edr-reader FILE ROWS                      ExcelDataReader alone, rows discarded
//   cpu        OWNER_CS APP_CS FILE ROWS [reader|checks]   where the API's CPU goes, single thread, no write: reader alone, then reader +
//                                             the pipeline's checks (writes stopped); CPU time, bytes allocated and GCs per row
//   spar-measure OWNER_CS APP_CS URL N M      SPAR dashboard at national scale (bench/spar-dashboard.sh, SparBench.cs)
//   spar-explain OWNER_CS APP_CS ORG YEAR     one dashboard load, for auto_explain
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Hours;
using Clauses.Api.Hours.Workbooks;
using Clauses.Core.Common;
using Clauses.Core.Hours;
using Clauses.Core.Participants;
using Dapper;
using ExcelDataReader;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using NpgsqlTypes;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
DefaultTypeMap.MatchNamesWithUnderscores = true;
SqlMapper.AddTypeHandler(new DateOnlyHandler());
SqlMapper.AddTypeHandler(new NullableDateOnlyHandler());

var command = args.Length > 0 ? args[0] : "";
try
{
    switch (command)
    {
        case "seed": await Seed.RunAsync(args[1]); break;
        case "workbook": await Generator.WriteWorkbookAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]); break;
        case "truncate": await Db.TruncateAsync(args[1]); break;
        case "api": await Variants.ApiAsync(args[1], args[2], args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture),
            int.Parse(args[6], CultureInfo.InvariantCulture), args[7], args[8]); break;
        case "copy": await Variants.CopyAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), "table"); break;
        case "copy-bare": await Variants.CopyAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), "bare"); break;
        case "copy-into": await Variants.CopyAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]); break;
        case "edr": await Variants.EdrPipelineAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture)); break;
        case "pipeline": await Variants.PipelineOnlyAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture)); break;
        case "reader": Variants.ReaderOnly(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)); break;
        case "edr-reader": Variants.EdrReaderOnly(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)); break;
        case "cpu": await Variants.CpuAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args.Length > 5 ? args[5] : "all"); break;
        case "spar-measure": await SparBench.MeasureAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture),
            int.Parse(args[5], CultureInfo.InvariantCulture)); break;
        case "spar-explain": await SparBench.ExplainAsync(args[1], args[2], Guid.Parse(args[3]), int.Parse(args[4], CultureInfo.InvariantCulture)); break;
        default:
            Console.Error.WriteLine("usage: Clauses.Bench seed|workbook|truncate|api|copy|edr|reader|edr-reader|spar-measure|spar-explain …");
            return 2;
    }
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"[bench] {command} failed: {e}");
    return 1;
}

/// <summary>The seeded scale and the generator of the same N rows for every variant.</summary>
static class Scale
{
    public const int Lots = 20;
    public const int Participants = 5_000;
    public const int PerMonth = Lots * Participants;           // 100 000 distinct keys per month
    public static readonly DateOnly FirstMonth = new(2021, 1, 1);
    public const string TenantId = "clauses-dev";
    public const string ObjectId = "bench-hours-facilitator-0001";
    public const string Email = "facilitatrice.bench@clauses-bench.fr";
    public const string DisplayName = "Facilitatrice Bench";
    public const string ContractReference = "BENCH-HEURES";
    public static readonly string Siret = FirstValidSiret("44306184100047");

    /// <summary>Row i (0-based): month i / 100 000, then lot-major, participant-minor within the month.</summary>
    public static (int LotIndex, int PersonIndex, DateOnly Month, decimal Hours) Row(int i)
    {
        var month = FirstMonth.AddMonths(i / PerMonth);
        var j = i % PerMonth;
        return (j / Participants, j % Participants, month, 1 + (int)((uint)(i * 7919 + 13) % 151));
    }

    public static string Evidence(DateOnly month, string reference) =>
        "Bulletin " + month.ToString("MM/yyyy", CultureInfo.InvariantCulture) + " " + reference;

    private static string FirstValidSiret(string start)
    {
        var n = long.Parse(start, CultureInfo.InvariantCulture);
        while (!Clauses.Core.Common.Siret.IsValid(n.ToString("00000000000000", CultureInfo.InvariantCulture))) n++;
        return n.ToString("00000000000000", CultureInfo.InvariantCulture);
    }
}

sealed record Ids(Guid OrganisationId, Guid UserId, Guid ContractId, Guid[] LotIds, Guid[] ClauseIds, Guid[] PersonIds, string[] References,
    string[] Names);

static class Db
{
    public static async Task<Ids> IdsAsync(NpgsqlConnection owner)
    {
        var (org, contract) = await owner.QuerySingleAsync<(Guid, Guid)>(
            "SELECT organisation_id, id FROM contracts WHERE reference = @r", new { r = Scale.ContractReference });
        var user = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM users WHERE tenant_id = @t AND object_id = @o",
            new { t = Scale.TenantId, o = Scale.ObjectId });
        var lots = (await owner.QueryAsync<(Guid, Guid)>("""
            SELECT l.id, c.id FROM lots l JOIN clauses c ON c.lot_id = l.id AND c.instrument = 'clause_execution'
             WHERE l.contract_id = @contract ORDER BY l.number
            """, new { contract })).ToArray();
        var people = (await owner.QueryAsync<(Guid, long, string, string)>("""
            SELECT p.id, p.number, i.last_name, i.first_name FROM participants p JOIN participant_identities i ON i.participant_id = p.id
             WHERE p.organisation_id = @org ORDER BY p.number
            """, new { org })).ToArray();
        return new Ids(org, user, contract, lots.Select(l => l.Item1).ToArray(), lots.Select(l => l.Item2).ToArray(),
            people.Select(p => p.Item1).ToArray(), people.Select(p => ParticipantRules.Reference(p.Item2)).ToArray(),
            people.Select(p => $"{p.Item3} {p.Item4}").ToArray());
    }

    public static async Task<NpgsqlConnection> OpenAsync(string cs)
    {
        var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        return c;
    }

    public static async Task TruncateAsync(string ownerCs)
    {
        await using var owner = await OpenAsync(ownerCs);
        await owner.ExecuteAsync("TRUNCATE hour_records, hour_statements, hour_month_totals, participant_year_totals");
        await owner.ExecuteAsync("VACUUM ANALYZE hour_records");
    }

    public static async Task<long> CountAsync(string ownerCs)
    {
        await using var owner = await OpenAsync(ownerCs);
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM hour_records");
    }
}

static class Seed
{
    public static async Task RunAsync(string ownerCs)
    {
        await using var c = await Db.OpenAsync(ownerCs);
        await using var tx = await c.BeginTransactionAsync();
        var org = await c.ExecuteScalarAsync<Guid>(
            "INSERT INTO organisations (name, kind, departement) VALUES ('PLIE Bench', 'autre', '69') RETURNING id", transaction: tx);
        var user = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO users (tenant_id, object_id, email, display_name) VALUES (@t, @o, @e, @n) RETURNING id
            """, new { t = Scale.TenantId, o = Scale.ObjectId, e = Scale.Email, n = Scale.DisplayName }, tx);
        await c.ExecuteAsync("INSERT INTO memberships (organisation_id, user_id, role) VALUES (@org, @user, 'facilitateur')", new { org, user }, tx);
        var contract = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO contracts (organisation_id, reference, title, kind, category, status, amount_ht, notified_on, starts_on, ends_on, created_by)
            VALUES (@org, @r, 'Rénovation du parc social — banc d''essai', 'marche', 'travaux', 'en_execution', 40000000, '2019-12-01',
                    '2020-01-01', '2030-12-31', @user) RETURNING id
            """, new { org, r = Scale.ContractReference, user }, tx);
        await c.ExecuteAsync("""
            INSERT INTO lots (organisation_id, contract_id, number, title, amount_ht)
            SELECT @org, @contract, n, 'Lot ' || n, 2000000 FROM generate_series(1, @lots) AS n
            """, new { org, contract, lots = Scale.Lots }, tx);
        await c.ExecuteAsync("""
            INSERT INTO clauses (organisation_id, lot_id, instrument, sizing_mode, target_hours, eligible_criteria, allowed_modalities, facilitator_user_id, created_by)
            SELECT @org, l.id, 'clause_execution', 'heures_fixes', 50000, '{}', '{embauche_directe}', @user, @user
              FROM lots l WHERE l.contract_id = @contract
            """, new { org, contract, user }, tx);
        await c.ExecuteAsync("""
            INSERT INTO participants (organisation_id, sex, birth_year, departement, created_by)
            SELECT @org, CASE WHEN n % 2 = 0 THEN 'F' ELSE 'M' END, 1970 + n % 30, '69', @user FROM generate_series(1, @people) AS n
            """, new { org, user, people = Scale.Participants }, tx);
        await c.ExecuteAsync("""
            INSERT INTO participant_identities (participant_id, organisation_id, last_name, first_name, birth_date)
            SELECT p.id, p.organisation_id, 'NOM' || p.number, 'Prénom' || p.number, make_date(p.birth_year, 1 + p.number::int % 12, 1 + p.number::int % 28)
              FROM participants p WHERE p.organisation_id = @org
            """, new { org }, tx);
        await c.ExecuteAsync("""
            INSERT INTO eligibility_validations (organisation_id, participant_id, criteria, basis, validated_on, valid_until, validated_by)
            SELECT p.organisation_id, p.id, '{rsa}', 'critere', '2019-01-01', '2031-12-31', @user FROM participants p WHERE p.organisation_id = @org
            """, new { org, user }, tx);
        // Every (participant, lot) pair the files use has an assignment, so eligibility is judged at its start (2020-01-01).
        await c.ExecuteAsync("""
            INSERT INTO assignments (organisation_id, participant_id, lot_id, clause_id, employer_siret, modality, employment_contract, starts_on, created_by)
            SELECT @org, p.id, l.id, c.id, @siret, 'embauche_directe', 'cdi', '2020-01-01', @user
              FROM participants p CROSS JOIN lots l JOIN clauses c ON c.lot_id = l.id
             WHERE p.organisation_id = @org AND l.contract_id = @contract
            """, new { org, contract, user, siret = Scale.Siret }, tx);
        await tx.CommitAsync();
        await c.ExecuteAsync("VACUUM ANALYZE");

        var issuer = new DevTokenIssuer(new DevTokenOptions
        {
            Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("clauses-development-only-signing-key-not-a-secret")),
        }, TimeProvider.System);
        var (token, _) = issuer.Issue(Scale.TenantId, Scale.ObjectId, Scale.Email, Scale.DisplayName, TimeSpan.FromHours(12));
        Console.WriteLine($"CONTRACT_ID={contract}");
        Console.WriteLine($"BENCH_TOKEN={token}");
        Console.Error.WriteLine($"[bench] seeded 1 organisation, {Scale.Lots} lots with an execution clause, {Scale.Participants} participants "
            + $"(identity, validation), {Scale.Lots * Scale.Participants} assignments");
    }
}

static class Generator
{
    public static async Task WriteWorkbookAsync(string ownerCs, int rows, string path)
    {
        Ids ids;
        await using (var owner = await Db.OpenAsync(ownerCs)) ids = await Db.IdsAsync(owner);
        const string modality = Modality.EmbaucheDirecte;   // the template writes its label
        var list = new List<TemplateRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            var (lot, person, month, hours) = Scale.Row(i);
            list.Add(new TemplateRow(lot + 1, ids.References[person], Scale.Siret, modality, month, hours, null,
                Scale.Evidence(month, ids.References[person])));
        }
        var input = new TemplateInput(Scale.ContractReference, "Banc d'essai", Scale.FirstMonth,
            Enumerable.Range(1, Scale.Lots).Select(n => new TemplateLot(n, "Lot " + n)).ToList(),
            ids.References.Select((r, k) => new TemplateParticipant(r, ids.Names[k])).ToList(),
            HoursImport.Modalities, list);
        var watch = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
            HoursTemplate.Write(file, input);
        Console.Error.WriteLine($"[bench] workbook {rows} rows: {new FileInfo(path).Length / 1e6:F1} MB in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

static class Variants
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static void Row(string variant, int rows, double seconds, string memory, string notes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {variant} | {Num(rows)} | {seconds:F2} | {Num(rows / seconds)} | {memory} | {notes} |"));

    private static string Num(double x) => x.ToString("N0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>The ExcelDataReader-side and reader-only variants: this process's own peak, the runtime's baseline included.</summary>
    private static string OwnMemory(long baselineKb) =>
        $"{Proc.Kb(Environment.ProcessId, "VmHWM") / 1024} MB (start {baselineKb / 1024} MB)";

    public static async Task ApiAsync(string ownerCs, string url, string token, string file, int rows, int pid, string label, string expect)
    {
        var contract = (await Ids(ownerCs)).ContractId;
        // The peak of this import alone, not of the imports before it in the same process.
        var ownPeak = Proc.ResetPeak(pid);
        var before = Proc.Kb(pid, "VmRSS");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        await using var body = File.OpenRead(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/contracts/{contract}/imports?mode=sync")
        {
            Content = new StreamContent(body, 1 << 16),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ImportsApi.XlsxContentType);
        request.Content.Headers.ContentLength = body.Length;
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
        var result = JsonSerializer.Deserialize<ImportResult>(text, Json)!;
        var count = await Db.CountAsync(ownerCs);
        var expected = expect == "accepted" ? result.Accepted : result.Unchanged;
        if (result.Rows != rows || expected != rows || count != rows)
            throw new InvalidOperationException($"expected {rows} rows {expect}; answer {text}; hour_records holds {count}");
        var peak = Proc.Kb(pid, "VmHWM");
        Row(label, rows, seconds, $"{peak / 1024} MB (RSS before {before / 1024} MB{(ownPeak ? "" : "; peak since the process started")})",
            $"{result.Accepted} accepted, {result.Replaced} replaced, {result.Unchanged} unchanged; hour_records = {count}");
    }

    private static readonly Dictionary<string, (string Ddl, string Label)> Clones = new()
    {
        ["bare"] = ("(LIKE hour_records INCLUDING DEFAULTS)", "binary COPY into a bare copy of the table (no index, constraint or trigger)"),
        ["pk"] = ("(LIKE hour_records INCLUDING DEFAULTS, PRIMARY KEY (contract_id, period, lot_id, participant_id, modality, version))",
            "diagnosis: COPY into a copy with the natural key only"),
        ["indexes"] = ("(LIKE hour_records INCLUDING DEFAULTS INCLUDING INDEXES)", "diagnosis: COPY into a copy with its indexes, no CHECK, no trigger"),
        ["all"] = ("(LIKE hour_records INCLUDING ALL)", "diagnosis: COPY into a copy with its indexes and CHECKs, no trigger"),
    };

    public static async Task CopyAsync(string ownerCs, int rows, string kind)
    {
        var bare = kind != "table";
        var baseline = Proc.Kb(Environment.ProcessId, "VmRSS");
        await using var owner = await Db.OpenAsync(ownerCs);
        var ids = await Db.IdsAsync(owner);
        var table = bare ? "bench_hour_records_bare" : "hour_records";
        if (bare)
        {
            await owner.ExecuteAsync($"DROP TABLE IF EXISTS {table}");
            await owner.ExecuteAsync($"CREATE TABLE {table} {Clones[kind].Ddl}");
        }
        var hash = new byte[32];
        var watch = Stopwatch.StartNew();
        await using (var tx = await owner.BeginTransactionAsync())
        {
            await using (var copy = await owner.BeginBinaryImportAsync($"""
                COPY {table} (organisation_id, contract_id, lot_id, clause_id, participant_id, employer_siret, modality, period, period_kind,
                                   version, hours, counting_method, evidence_reference, source, file_hash, declared_by) FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < rows; i++)
                {
                    var (lot, person, month, hours) = Scale.Row(i);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(ids.OrganisationId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ids.ContractId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ids.LotIds[lot], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ids.ClauseIds[lot], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ids.PersonIds[person], NpgsqlDbType.Uuid);
                    await copy.WriteAsync(Scale.Siret, NpgsqlDbType.Char);
                    await copy.WriteAsync(Modality.EmbaucheDirecte, NpgsqlDbType.Text);
                    await copy.WriteAsync(month, NpgsqlDbType.Date);
                    await copy.WriteAsync("mois", NpgsqlDbType.Text);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(hours, NpgsqlDbType.Numeric);
                    await copy.WriteAsync("heures_attestees", NpgsqlDbType.Text);
                    await copy.WriteAsync(Scale.Evidence(month, ids.References[person]), NpgsqlDbType.Text);
                    await copy.WriteAsync("excel", NpgsqlDbType.Text);
                    await copy.WriteAsync(hash, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(ids.UserId, NpgsqlDbType.Uuid);
                }
                await copy.CompleteAsync();
            }
            await tx.CommitAsync();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var count = await owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        if (count != rows) throw new InvalidOperationException($"{table} holds {count}, expected {rows}");
        if (bare) await owner.ExecuteAsync($"DROP TABLE {table}");
        Row(bare ? Clones[kind].Label
                 : "binary COPY (owner role, same table, constraints and triggers)", rows, seconds, OwnMemory(baseline), $"{table} = {count}");
    }

    public static async Task EdrPipelineAsync(string ownerCs, string appCs, string file, int rows)
    {
        var baseline = Proc.Kb(Environment.ProcessId, "VmRSS");
        var ids = await Ids(ownerCs);
        await using var dataSource = NpgsqlDataSource.Create(appCs);
        var user = new CurrentUser(ids.UserId, Scale.DisplayName, Scale.Email, false,
            [new Membership(ids.OrganisationId, "PLIE Bench", "autre", [Roles.Facilitateur])])
        { TenantId = Scale.TenantId, ObjectId = Scale.ObjectId };
        var ct = CancellationToken.None;

        var watch = Stopwatch.StartNew();
        var bytes = await File.ReadAllBytesAsync(file);         // the API holds the upload in memory too
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var db = await new TenantDb.Factory(dataSource).BeginAsync(user, ct);
        var context = (await HoursContext.LoadAsync(db, ids.ContractId, ct))!;
        var channel = Channel.CreateBounded<HourInput>(new BoundedChannelOptions(20_000) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() =>
        {
            try { EdrRows(new MemoryStream(bytes), row => channel.Writer.WriteAsync(row).AsTask().GetAwaiter().GetResult()); }
            finally { channel.Writer.TryComplete(); }
        });
        var pipeline = new HoursPipeline(db, context, new HoursPipeline.Options(DryRun: false, Atomic: true, TrackRows: false, "excel", hash, ids.UserId));
        await foreach (var row in channel.Reader.ReadAllAsync(ct)) await pipeline.AddAsync(row, ct);
        await producer;
        await pipeline.CompleteAsync(ct);
        if (pipeline.HasErrors)
            throw new InvalidOperationException($"{pipeline.Rejected} rejected: " + string.Join("; ", pipeline.Errors.Take(5).Select(e => $"{e.Row} {e.Error.Field}: {e.Error.Message}")));
        await db.CommitAsync(ct);
        var seconds = watch.Elapsed.TotalSeconds;
        var count = await Db.CountAsync(ownerCs);
        if (pipeline.Accepted != rows || count != rows) throw new InvalidOperationException($"accepted {pipeline.Accepted}, hour_records holds {count}, expected {rows}");
        Row("ExcelDataReader → same HoursPipeline (bench process)", rows, seconds, OwnMemory(baseline),
            $"{pipeline.Accepted} accepted; hour_records = {count}");
    }

    /// <summary>HoursPipeline fed with generated rows: where its time goes (checks in memory vs. chunk merges in PostgreSQL).</summary>
    public static async Task PipelineOnlyAsync(string ownerCs, string appCs, int rows)
    {
        var baseline = Proc.Kb(Environment.ProcessId, "VmRSS");
        var ids = await Ids(ownerCs);
        await using var dataSource = NpgsqlDataSource.Create(appCs);
        var user = new CurrentUser(ids.UserId, Scale.DisplayName, Scale.Email, false,
            [new Membership(ids.OrganisationId, "PLIE Bench", "autre", [Roles.Facilitateur])])
        { TenantId = Scale.TenantId, ObjectId = Scale.ObjectId };
        var ct = CancellationToken.None;
        var options = new HoursPipeline.Options(DryRun: false, Atomic: true, TrackRows: false, "excel", new string('0', 64), ids.UserId);

        var watch = Stopwatch.StartNew();
        await using var db = await new TenantDb.Factory(dataSource).BeginAsync(user, ct);
        var context = (await HoursContext.LoadAsync(db, ids.ContractId, ct))!;
        var contextSeconds = watch.Elapsed.TotalSeconds;
        var pipeline = new HoursPipeline(db, context, options);
        long checks = 0, merges = 0;
        for (var i = 0; i < rows; i++)
        {
            var (lot, person, month, hours) = Scale.Row(i);
            var input = new HourInput(i + 2, lot + 1, ids.References[person], null, null, null, Scale.Siret, Modality.EmbaucheDirecte, month,
                PeriodKind.Mois, hours, null, Scale.Evidence(month, ids.References[person]));
            var t = Stopwatch.GetTimestamp();
            await pipeline.AddAsync(input, ct);
            var spent = Stopwatch.GetTimestamp() - t;
            if ((i + 1) % options.ChunkSize == 0) merges += spent;    // this call merged a full chunk
            else checks += spent;
        }
        var end = Stopwatch.GetTimestamp();
        await pipeline.CompleteAsync(ct);
        merges += Stopwatch.GetTimestamp() - end;
        if (pipeline.HasErrors) throw new InvalidOperationException($"{pipeline.Rejected} rejected");
        end = Stopwatch.GetTimestamp();
        await db.CommitAsync(ct);
        var commit = Stopwatch.GetElapsedTime(end).TotalSeconds;
        var seconds = watch.Elapsed.TotalSeconds;
        var count = await Db.CountAsync(ownerCs);
        if (pipeline.Accepted + pipeline.Unchanged != rows || count != rows)
            throw new InvalidOperationException($"accepted {pipeline.Accepted}, unchanged {pipeline.Unchanged}, hour_records holds {count}");
        double S(long ticks) => (double)ticks / Stopwatch.Frequency;
        Row("pipeline alone: generated rows → HoursPipeline (no workbook)", rows, seconds, OwnMemory(baseline), string.Create(CultureInfo.InvariantCulture,
            $"{pipeline.Accepted} accepted, {pipeline.Unchanged} unchanged; context load {contextSeconds:F2} s, checks {S(checks):F2} s, chunk merges {S(merges):F2} s ({Math.Ceiling(rows / (double)options.ChunkSize)} × {options.ChunkSize}), commit {commit:F2} s"));
    }

    public static void ReaderOnly(string file, int rows)
    {
        var baseline = Proc.Kb(Environment.ProcessId, "VmRSS");
        var watch = Stopwatch.StartNew();
        var bytes = File.ReadAllBytes(file);
        var count = 0;
        var errors = 0;
        var summary = HoursWorkbookReader.Read(new MemoryStream(bytes), new WorkbookLimits(MaxRows: 2_000_000), HoursImport.Modalities,
            _ => count++, _ => errors++);
        var seconds = watch.Elapsed.TotalSeconds;
        if (count != rows || errors != 0 || summary.Rows != rows) throw new InvalidOperationException($"read {count} rows, {errors} errors");
        Row("reader only: HoursWorkbookReader, rows discarded", rows, seconds, OwnMemory(baseline), "parse + cell checks, no pipeline, no database");
    }

    /// <summary>The API's own work per row, without PostgreSQL's: each step run twice in a row (the first pass warms the JIT up), on
    /// one thread, with its CPU time (the whole process: the tiered compiler's thread counts), allocations and collections.</summary>
    public static async Task CpuAsync(string ownerCs, string appCs, string file, int rows, string steps)
    {
        var ids = await Ids(ownerCs);
        await using var dataSource = NpgsqlDataSource.Create(appCs);
        var user = new CurrentUser(ids.UserId, Scale.DisplayName, Scale.Email, false,
            [new Membership(ids.OrganisationId, "PLIE Bench", "autre", [Roles.Facilitateur])])
        { TenantId = Scale.TenantId, ObjectId = Scale.ObjectId };
        var bytes = File.ReadAllBytes(file);
        var limits = new WorkbookLimits(MaxRows: 2_000_000);
        await using var db = await new TenantDb.Factory(dataSource).BeginAsync(user, CancellationToken.None);
        var context = (await HoursContext.LoadAsync(db, ids.ContractId, CancellationToken.None))!;

        void Measure(string step, Action run)
        {
            for (var pass = 1; pass <= 2; pass++)
            {
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(true);
                var gcs = GC.CollectionCount(0);
                var watch = Stopwatch.StartNew();
                run();
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {step} (pass {pass}) | {rows:N0} | {seconds:F2} | {cpuSeconds:F2} | {(GC.GetTotalAllocatedBytes(true) - allocated) / (double)rows:F0} | {GC.CollectionCount(0) - gcs} |"));
            }
        }

        Console.WriteLine("| Step | Rows | Seconds | CPU seconds | Bytes allocated per row | Gen0 GCs |");
        Console.WriteLine("|---|---|---|---|---|---|");
        if (steps is "all" or "reader") Measure("reader only", () =>
        {
            var count = 0;
            HoursWorkbookReader.Read(new MemoryStream(bytes), limits, HoursImport.Modalities, _ => count++, _ => { });
            if (count != rows) throw new InvalidOperationException($"read {count} rows");
        });
        if (steps is "all" or "checks") Measure("reader + checks (writes stopped)", () =>
        {
            var pipeline = new HoursPipeline(db, context, new HoursPipeline.Options(DryRun: false, Atomic: true, TrackRows: false, "excel",
                new string('0', 64), ids.UserId, ChunkSize: limits.ChunkRows));
            pipeline.StopWriting();
            HoursWorkbookReader.Read(new MemoryStream(bytes), limits, HoursImport.Modalities,
                row => pipeline.AddAsync(HoursImport.ToInput(row), CancellationToken.None).GetAwaiter().GetResult(), _ => { });
            if (pipeline.Rejected != 0 || pipeline.Processed != rows) throw new InvalidOperationException($"{pipeline.Rejected} rejected");
        });
    }

    public static void EdrReaderOnly(string file, int rows)
    {
        var baseline = Proc.Kb(Environment.ProcessId, "VmRSS");
        var watch = Stopwatch.StartNew();
        var bytes = File.ReadAllBytes(file);
        var count = 0;
        EdrRows(new MemoryStream(bytes), _ => count++);
        var seconds = watch.Elapsed.TotalSeconds;
        if (count != rows) throw new InvalidOperationException($"read {count} rows");
        Row("reader only: ExcelDataReader + mapping, rows discarded", rows, seconds, OwnMemory(baseline), "no pipeline, no database");
    }

    private static readonly Regex TrailingReference = new(@"(?:^|[\s–—-])([Pp]-\d+)\s*$", RegexOptions.Compiled);

    /// <summary>ExcelDataReader, row by row, mapped by header names onto the pipeline's input.</summary>
    private static void EdrRows(Stream xlsx, Action<HourInput> onRow)
    {
        var modalities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in Modality.Terms.All) { modalities.TryAdd(m.Label, m.Code); modalities.TryAdd(m.Code, m.Code); }
        var references = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var reader = ExcelReaderFactory.CreateReader(xlsx); // 3.6.0 names OpenReader CreateReader
        if (!reader.Read()) throw new InvalidDataException("empty sheet");
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < reader.FieldCount; c++) if (reader.GetValue(c) is string h) column[h.Trim()] = c;
        int lotC = column["Lot"], personC = column["Participant"], siretC = column["SIRET employeur"], modalityC = column["Modalité"],
            periodC = column["Période"], hoursC = column["Heures"], amountC = column["Montant facturé HT (€)"], evidenceC = column["Justificatif"];
        var rowNumber = 1;
        while (reader.Read())
        {
            rowNumber++;
            var lot = reader.GetValue(lotC) switch { double d => (int?)d, string s when int.TryParse(s, out var n) => n, _ => null };
            string? person = null;
            if (reader.GetValue(personC) is string p)
            {
                if (!references.TryGetValue(p, out person))
                {
                    var m = TrailingReference.Match(p.Trim());
                    person = m.Success ? m.Groups[1].Value : p.Trim();
                    references[p] = person;
                }
            }
            var siret = reader.GetValue(siretC) switch
            {
                string s => s.Replace(" ", "", StringComparison.Ordinal),
                double d => d.ToString("00000000000000", CultureInfo.InvariantCulture),
                _ => null,
            };
            var modality = reader.GetValue(modalityC) is string ml ? modalities.GetValueOrDefault(ml.Trim(), ml) : null;
            DateOnly? period = reader.GetValue(periodC) switch
            {
                DateTime t => new DateOnly(t.Year, t.Month, 1),
                double d => DateOnly.FromDateTime(DateTime.FromOADate(d)) is var x ? new DateOnly(x.Year, x.Month, 1) : null,
                _ => null,
            };
            decimal? hours = reader.GetValue(hoursC) is double hd ? Math.Round((decimal)hd, 8) : null;
            decimal? amount = reader.GetValue(amountC) is double ad ? Math.Round((decimal)ad, 8) : null;
            var evidence = (reader.GetValue(evidenceC) as string)?.Trim();
            if (lot is null && person is null && siret is null && modality is null && period is null && hours is null) continue;
            onRow(new HourInput(rowNumber, lot, person, null, null, null, siret, modality, period, PeriodKind.Mois, hours, amount, evidence));
        }
    }

    private static async Task<Ids> Ids(string ownerCs)
    {
        await using var owner = await Db.OpenAsync(ownerCs);
        return await Db.IdsAsync(owner);
    }
}

static class Proc
{
    /// <summary>A kB line of /proc/PID/status (VmRSS, VmHWM).</summary>
    public static long Kb(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return -1;
    }

    /// <summary>Brings the process's peak resident size (VmHWM) down to its present size (Linux 4.0+, "5" in clear_refs), so
    /// that the next reading is the peak of what follows; false where the kernel or permissions refuse.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override DateOnly Parse(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        _ => throw new InvalidCastException(value.GetType().ToString()),
    };

    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }
}

sealed class NullableDateOnlyHandler : SqlMapper.TypeHandler<DateOnly?>
{
    public override DateOnly? Parse(object value) => value is DBNull ? null : new DateOnlyHandler().Parse(value);

    public override void SetValue(IDbDataParameter parameter, DateOnly? value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value.HasValue ? value.Value : DBNull.Value;
    }
}
