// SPAR dashboard at national scale (bench/spar-dashboard.sh): the product's dashboard queries against the same figures
// computed with GROUP BY over raw hour_records, warm, for a sample of organisation-years.
//
//   spar-measure OWNER_CS APP_CS API_URL SAMPLES NAIVE_SAMPLES   Markdown tables on stdout, progress on stderr
//   spar-explain APP_CS ORG YEAR                                 one product load (run with auto_explain on for clauses_app)
//
// Product path, "SQL": a TenantSession opened exactly as the API opens it (TenantDb: pooled connection, transaction,
// set_config of the caller's user and organisations, here a director of the organisation), then the product's own
// SparDashboardStore.LoadAsync: all its queries, their Dapper mapping included. "HTTP": GET /api/spar/dashboard with that
// director's Development token, from sending to the last byte of the answer (token validation, membership resolution,
// queries, SparDashboardBuilder, JSON). Per-query times come from Npgsql's activities (command sent → result read).
//
// Naive path: the same Data computed without the roll-ups: hours per month, modality and SIAE, hours per lot in the year, hours
// per lot over the execution (burn-down), distinct people with their typology and hours by the people's département, each by GROUP BY
// over hour_records keeping, per contract and month, only the latest statement version (or every row of a month without
// statement), exactly the rule of hour_rollups_sql. The other queries (contracts, lots, clauses, exits, partnerships, targets) are the product's. It runs
// as clauses_app with RLS, as a facilitator of the organisation (the only role that may read eligibility validations,
// which the people figures' recount reads as its owner). Both Data are compared, row by row and as the built dashboard's JSON.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Spar;
using Clauses.Core.Organisations;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

static class SparBench
{
    sealed record OrgYear(string Label, Guid Org, string Name, string Kind, int Year, int Rank, long OrgRecords, long YearRecords,
        long YearRows, CurrentUser Director, CurrentUser Facilitator, string Token)
    {
        public DateOnly AsOf(DateOnly today) => Year < today.Year ? new DateOnly(Year, 12, 31) : today;
    }

    sealed class Samples
    {
        public readonly List<double> Total = [];
        public readonly Dictionary<string, List<double>> Queries = new(StringComparer.Ordinal);

        public void AddQueries(IEnumerable<(string Name, double Ms)> queries)
        {
            foreach (var (name, ms) in queries.GroupBy(q => q.Name).Select(g => (g.Key, g.Sum(q => q.Ms))))
            {
                if (!Queries.TryGetValue(name, out var list)) Queries[name] = list = [];
                list.Add(ms);
            }
        }
    }

    // Npgsql's activities, one per command: the statement's text and its duration (until its results are read).
    private static readonly List<(string Sql, double Ms)> Captured = [];
    private static bool _capturing;
    private static readonly ActivityListener Listener = new()
    {
        ShouldListenTo = s => s.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStopped = a =>
        {
            if (!_capturing) return;
            var sql = (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))?.ToString() ?? a.DisplayName;
            lock (Captured) Captured.Add((sql, a.Duration.TotalMilliseconds));
        },
    };

    private static readonly string[] QueryOrder =
        ["session (BEGIN + set_config)", "hours by month", "hours by lot", "siae", "contracts", "lots", "clauses", "contractors", "done by lot", "people", "exits", "partnerships", "targets", "SET LOCAL (planner)"];

    private static string QueryName(string sql) =>
        sql.Contains("set_config", StringComparison.Ordinal) || sql.StartsWith("BEGIN", StringComparison.Ordinal) ? "session (BEGIN + set_config)"
        : sql.StartsWith("SET LOCAL", StringComparison.Ordinal) ? "SET LOCAL (planner)"
        : sql.Contains("relevance_analyses", StringComparison.Ordinal) ? "lots"
        : sql.Contains("spar_people", StringComparison.Ordinal) || sql.Contains("eligibility_validations", StringComparison.Ordinal) ? "people"
        : sql.Contains("unnest(@clauseLots)", StringComparison.Ordinal) || sql.Contains("unnest($", StringComparison.Ordinal)
          || sql.Contains("month > @asOf", StringComparison.Ordinal) || sql.Contains("month > $", StringComparison.Ordinal)
          || sql.Contains("GROUP BY r.lot_id", StringComparison.Ordinal) ? "done by lot"
        : sql.Contains("hour_month_modality_totals", StringComparison.Ordinal) || sql.Contains("siae_id, sum(hours)", StringComparison.Ordinal) ? "hours by month"
        : sql.Contains("hour_year_lot_totals", StringComparison.Ordinal) || sql.Contains("hour_records", StringComparison.Ordinal) ? "hours by lot"
        : sql.Contains("FROM siae", StringComparison.Ordinal) ? "siae"
        : sql.Contains("FROM companies", StringComparison.Ordinal) ? "contractors"
        : sql.Contains("FROM contracts c", StringComparison.Ordinal) ? "contracts"
        : sql.Contains("FROM lots l", StringComparison.Ordinal) ? "lots"
        : sql.Contains("FROM clauses", StringComparison.Ordinal) ? "clauses"
        : sql.Contains("FROM exits", StringComparison.Ordinal) ? "exits"
        : sql.Contains("FROM partnerships", StringComparison.Ordinal) ? "partnerships"
        : sql.Contains("FROM spar_targets", StringComparison.Ordinal) ? "targets"
        : "other";

    private static async Task<(T Result, double Ms, List<(string Name, double Ms)> Queries)> Timed<T>(Func<Task<T>> run)
    {
        lock (Captured) Captured.Clear();
        _capturing = true;
        var watch = Stopwatch.StartNew();
        T result;
        try { result = await run(); }
        finally { _capturing = false; }
        var ms = watch.Elapsed.TotalMilliseconds;
        List<(string, double)> queries;
        lock (Captured) queries = Captured.Select(c => (QueryName(c.Sql), c.Ms)).ToList();
        return (result, ms, queries);
    }

    public static async Task MeasureAsync(string ownerCs, string appCs, string apiUrl, int samples, int naiveSamples)
    {
        ActivitySource.AddActivityListener(Listener);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var sample = await ChooseAsync(ownerCs, today);
        await using var app = new NpgsqlDataSourceBuilder(appCs).Build();
        var sessions = new TenantDb.Factory(app);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

        var product = sample.ToDictionary(s => s, _ => new Samples());
        var open = sample.ToDictionary(s => s, _ => new List<double>());
        var build = sample.ToDictionary(s => s, _ => new List<double>());
        var web = sample.ToDictionary(s => s, _ => new Samples());
        var bytes = sample.ToDictionary(s => s, _ => 0L);
        var naive = sample.ToDictionary(s => s, _ => new Samples());
        var checks = new Dictionary<OrgYear, string>();

        async Task<SparDashboardStore.Data> ProductOnce(OrgYear s, bool record)
        {
            var (session, openMs, _) = await Timed(() => sessions.BeginAsync(s.Director, CancellationToken.None));
            await using var db = session;
            var (data, ms, queries) = await Timed(() => SparDashboardStore.LoadAsync(db, s.Org, s.Year, s.AsOf(today), CancellationToken.None));
            var watch = Stopwatch.StartNew();
            SparDashboardBuilder.Build(s.Org, s.Name, s.Year, s.AsOf(today), data);
            var buildMs = watch.Elapsed.TotalMilliseconds;
            if (record)
            {
                product[s].Total.Add(ms);
                product[s].AddQueries(queries);
                open[s].Add(openMs);
                build[s].Add(buildMs);
            }
            return data;
        }

        async Task HttpOnce(OrgYear s, bool record)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"{apiUrl}/api/spar/dashboard?organisationId={s.Org}&year={s.Year}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Token);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{s.Label}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 500)]}");
            if (record) { web[s].Total.Add(ms); bytes[s] = body.Length; }
        }

        async Task<SparDashboardStore.Data> NaiveOnce(OrgYear s, bool record)
        {
            var (session, _, _) = await Timed(() => sessions.BeginAsync(s.Facilitator, CancellationToken.None));
            await using var db = session;
            var (data, ms, queries) = await Timed(() => NaiveLoadAsync(db, s.Org, s.Year, s.AsOf(today)));
            if (record) { naive[s].Total.Add(ms); naive[s].AddQueries(queries); }
            return data;
        }

        var load = new List<string> { LoadAverage() };
        Console.Error.WriteLine($"[bench] warm-up: every path once per organisation-year (load {load[0]})");
        foreach (var s in sample)
        {
            var p = await ProductOnce(s, false);
            await HttpOnce(s, false);
            var n = await NaiveOnce(s, false);
            checks[s] = Compare(s, p, n, today);
            Console.Error.WriteLine($"[bench]   {s.Label}: {checks[s]}");
        }
        // Rounds over the organisation-years, so that a burst of load on the shared machine spreads over all of them.
        var naiveEvery = Math.Max(1, samples / Math.Max(1, naiveSamples));
        for (var i = 0; i < samples; i++)
        {
            foreach (var s in sample)
            {
                await ProductOnce(s, true);
                await HttpOnce(s, true);
                if (i % naiveEvery == 0 && naive[s].Total.Count < naiveSamples) await NaiveOnce(s, true);
            }
            if (i % 10 == 9) { load.Add(LoadAverage()); Console.Error.WriteLine($"[bench] round {i + 1}/{samples} (load {load[^1]})"); }
        }
        load.Add(LoadAverage());

        var inv = CultureInfo.InvariantCulture;
        string F(double ms) => ms < 10 ? ms.ToString("F2", inv) : ms < 100 ? ms.ToString("F1", inv) : ms.ToString("F0", inv);
        string Pct(List<double> xs) => xs.Count == 0 ? "—" : $"{F(P(xs, 0.5))} / **{F(P(xs, 0.95))}** / {F(xs.Max())}";
        string N(long x) => x.ToString("N0", inv).Replace(',', ' ');

        Console.WriteLine("Organisation-years measured (records: rows counted by the roll-ups, i.e. latest statement versions; rows: "
            + "hour_records rows of the organisation in the year, all versions):");
        Console.WriteLine();
        Console.WriteLine("| Organisation-year | Rank by records | Records of the organisation (all years) | Records in the year | hour_records rows in the year | Check: naive = product |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var s in sample)
            Console.WriteLine($"| {s.Label} | {s.Rank} | {N(s.OrgRecords)} | {N(s.YearRecords)} | {N(s.YearRows)} | {checks[s]} |");
        Console.WriteLine();
        Console.WriteLine($"Milliseconds, p50 / **p95** / max; {samples} samples per organisation-year for the product paths, "
            + $"{naive.Values.Max(v => v.Total.Count)} for the naive one; ratio = naive p95 ÷ product SQL p95.");
        Console.WriteLine();
        Console.WriteLine("| Organisation-year | Product: dashboard SQL (LoadAsync) | Product: GET /api/spar/dashboard (HTTP) | JSON | Naive GROUP BY over hour_records | Ratio (p95) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var s in sample)
            Console.WriteLine($"| {s.Label} | {Pct(product[s].Total)} | {Pct(web[s].Total)} | {bytes[s] / 1024} KB | {Pct(naive[s].Total)} | "
                + $"{(P(naive[s].Total, 0.95) / P(product[s].Total, 0.95)).ToString("F0", inv)}× |");
        Console.WriteLine();
        Console.WriteLine("Per query, p95 in ms (product: the roll-ups; naive: its three queries over hour_records, the others being the product's); "
            + "also the session opening (pool + BEGIN + set_config) and SparDashboardBuilder.Build, outside the SQL column above:");
        Console.WriteLine();
        Console.WriteLine("| Query | " + string.Join(" | ", sample.Select(s => s.Label)) + " |");
        Console.WriteLine("|---|" + string.Concat(sample.Select(_ => "---|")));
        foreach (var q in QueryOrder.Skip(1))
            Console.WriteLine($"| {q} | " + string.Join(" | ", sample.Select(s => product[s].Queries.TryGetValue(q, out var xs) ? F(P(xs, 0.95)) : "—")) + " |");
        foreach (var q in new[] { "hours by month", "hours by lot", "done by lot", "people" })
            Console.WriteLine($"| naive: {q} | " + string.Join(" | ", sample.Select(s => naive[s].Queries.TryGetValue(q, out var xs) ? F(P(xs, 0.95)) : "—")) + " |");
        Console.WriteLine("| session opening (BEGIN + set_config) | " + string.Join(" | ", sample.Select(s => F(P(open[s], 0.95)))) + " |");
        Console.WriteLine("| SparDashboardBuilder.Build (C#) | " + string.Join(" | ", sample.Select(s => F(P(build[s], 0.95)))) + " |");
        Console.WriteLine();
        Console.WriteLine($"load average (1 / 5 / 15 min) during the measurement: {string.Join(" → ", load.Distinct())}");
        var largest = sample[0];
        Console.WriteLine($"SPAR_EXPLAIN_ORG={largest.Org} SPAR_EXPLAIN_YEAR={largest.Year}");
    }

    /// <summary>One product load, for auto_explain (the caller turns it on for clauses_app).</summary>
    public static async Task ExplainAsync(string ownerCs, string appCs, Guid org, int year)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var (director, _) = await UsersAsync(ownerCs, org);
        await using var app = new NpgsqlDataSourceBuilder(appCs).Build();
        await using var db = await new TenantDb.Factory(app).BeginAsync(director, CancellationToken.None);
        var asOf = year < today.Year ? new DateOnly(year, 12, 31) : today;
        var watch = Stopwatch.StartNew();
        await SparDashboardStore.LoadAsync(db, org, year, asOf, CancellationToken.None);
        Console.Error.WriteLine($"[bench] explained load: {watch.Elapsed.TotalMilliseconds:F0} ms (with auto_explain's instrumentation)");
    }

    private static double P(List<double> xs, double p)
    {
        if (xs.Count == 0) return double.NaN;
        var sorted = xs.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The largest organisation's busiest year, its current (partial) year and its first year; the second largest's
    /// busiest year; organisations ranked 20, 200, 1 000 and last by records, last complete year.</summary>
    private static async Task<List<OrgYear>> ChooseAsync(string ownerCs, DateOnly today)
    {
        await using var owner = await Db.OpenAsync(ownerCs);
        var ranked = (await owner.QueryAsync<(Guid Org, long Records)>(
            "SELECT organisation_id, sum(records)::bigint FROM hour_month_totals GROUP BY 1 ORDER BY 2 DESC, 1")).ToList();
        async Task<int> Busiest(Guid org) => await owner.ExecuteScalarAsync<int>("""
            SELECT extract(year FROM month)::int FROM hour_month_totals WHERE organisation_id = @org GROUP BY 1 ORDER BY sum(records) DESC LIMIT 1
            """, new { org });
        var picks = new List<(string What, int Rank, int Year)>
        {
            ("busiest year", 1, await Busiest(ranked[0].Org)),
            ("current year", 1, today.Year),
            ("first year", 1, 2016),
            ("busiest year", 2, await Busiest(ranked[1].Org)),
        };
        foreach (var rank in new[] { 20, 200, 1000, ranked.Count }.Where(r => r <= ranked.Count))
            picks.Add(("last full year", rank, today.Year - 1));

        var list = new List<OrgYear>();
        var issuer = new DevTokenIssuer(new DevTokenOptions
        {
            Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("clauses-development-only-signing-key-not-a-secret")),
        }, TimeProvider.System);
        foreach (var (what, rank, year) in picks)
        {
            var (org, orgRecords) = ranked[rank - 1];
            var (name, kind) = await owner.QuerySingleAsync<(string, string)>("SELECT name, kind FROM organisations WHERE id = @org", new { org });
            var yearRecords = await owner.ExecuteScalarAsync<long>("""
                SELECT coalesce(sum(records), 0)::bigint FROM hour_month_totals
                 WHERE organisation_id = @org AND month >= make_date(@year, 1, 1) AND month < make_date(@year + 1, 1, 1)
                """, new { org, year });
            var yearRows = await owner.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM hour_records WHERE organisation_id = @org AND period >= make_date(@year, 1, 1) AND period < make_date(@year + 1, 1, 1)
                """, new { org, year });
            var (director, facilitator) = await UsersAsync(ownerCs, org);
            var (token, _) = issuer.Issue(director.TenantId, director.ObjectId, director.Email, director.DisplayName, TimeSpan.FromHours(12));
            list.Add(new OrgYear($"{name} {year} ({what})", org, name, kind, year, rank, orgRecords, yearRecords, yearRows, director, facilitator, token));
        }
        return list;
    }

    private static async Task<(CurrentUser Director, CurrentUser Facilitator)> UsersAsync(string ownerCs, Guid org)
    {
        await using var owner = await Db.OpenAsync(ownerCs);
        var (name, kind) = await owner.QuerySingleAsync<(string, string)>("SELECT name, kind FROM organisations WHERE id = @org", new { org });
        async Task<CurrentUser> User(string role)
        {
            var u = await owner.QuerySingleAsync<(Guid Id, string DisplayName, string Email, string TenantId, string ObjectId)>("""
                SELECT u.id, u.display_name, u.email, u.tenant_id, u.object_id FROM users u JOIN memberships m ON m.user_id = u.id
                 WHERE m.organisation_id = @org AND m.role = @role ORDER BY u.email LIMIT 1
                """, new { org, role });
            return new CurrentUser(u.Id, u.DisplayName, u.Email, false, [new Membership(org, name, kind, [role])])
            {
                TenantId = u.TenantId,
                ObjectId = u.ObjectId,
            };
        }
        return (await User(Role.Directeur), await User(Role.Facilitateur));
    }

    // ------------------------------------------------------------------------------------------------------------------
    // The naive path: the hour-derived figures straight from hour_records (latest statement version per contract and
    // month), the other queries as the product runs them.
    // ------------------------------------------------------------------------------------------------------------------

    // Rows of the organisation in the period, then per (contract, month) the latest statement version, looked up once
    // per group (the rule and the lookup of hour_rollups_sql); a month without statement counts all its rows.
    private const string NaiveCurrentRows = """
        WITH r AS MATERIALIZED (
          SELECT contract_id, lot_id, participant_id, modality, siae_id, date_trunc('month', period)::date AS month, version, hours
            FROM hour_records
           WHERE organisation_id = @organisationId AND period >= @from AND period < @to),
        latest AS MATERIALIZED (
          SELECT g.contract_id, g.month,
                 (SELECT max(s.version) FROM hour_statements s WHERE s.contract_id = g.contract_id AND s.period = g.month) AS version
            FROM (SELECT DISTINCT contract_id, month FROM r) g),
        cur AS (
          SELECT r.* FROM r JOIN latest l USING (contract_id, month) WHERE r.version = coalesce(l.version, r.version))
        """;

    private const string NaiveMonths = NaiveCurrentRows + """

        SELECT month, modality, siae_id, sum(hours) AS hours FROM cur GROUP BY 1, 2, 3
        """;

    private const string NaiveLotHours = NaiveCurrentRows + """

        SELECT contract_id, lot_id, sum(hours) AS hours FROM cur GROUP BY 1, 2
        """;

    // Over the whole execution: every month of the organisation up to the as-of date, only the clause lots.
    private const string NaiveDone = """
        WITH r AS MATERIALIZED (
          SELECT contract_id, lot_id, date_trunc('month', period)::date AS month, version, hours
            FROM hour_records
           WHERE organisation_id = @organisationId AND period < @doneTo AND lot_id = ANY (@clauseLots)),
        latest AS MATERIALIZED (
          SELECT g.contract_id, g.month,
                 (SELECT max(s.version) FROM hour_statements s WHERE s.contract_id = g.contract_id AND s.period = g.month) AS version
            FROM (SELECT DISTINCT contract_id, month FROM r) g)
        SELECT r.lot_id, sum(r.hours) FROM r JOIN latest l USING (contract_id, month)
         WHERE r.version = coalesce(l.version, r.version)
         GROUP BY r.lot_id
        """;

    // spar_people's figures, with its per-person typology, from the year's current rows instead of participant_year_totals.
    private const string NaivePeople = NaiveCurrentRows + """
        ,
        flagged AS (
          SELECT participant_id, hours,
                 lot_id IN (SELECT lot_id FROM clauses WHERE organisation_id = @organisationId
                               AND instrument IN ('reserve_l2113_12', 'reserve_l2113_13', 'reserve_l2113_13_1', 'reserve_l2113_15')) AS reserved
            FROM cur),
        p AS (
          SELECT participant_id, bool_or(reserved) AS in_reserved, bool_or(NOT reserved) AS in_clauses, sum(hours) AS hours
            FROM flagged GROUP BY participant_id),
        f AS (
          SELECT p.in_reserved, p.in_clauses, p.hours, pa.sex, pa.birth_year, pa.qpv_resident, pa.departement,
                 coalesce((SELECT array_agg(DISTINCT c) FROM eligibility_validations v, unnest(v.criteria) AS c
                            WHERE v.participant_id = p.participant_id
                              AND v.validated_on <= make_date(@year, 12, 31) AND v.valid_until >= make_date(@year, 1, 1)), '{}') AS criteria
            FROM p JOIN participants pa ON pa.id = p.participant_id)
        SELECT 'ensemble' AS dimension, 'tous' AS category, count(*) AS persons, sum(hours) AS hours FROM f
        UNION ALL SELECT 'ensemble', 'clauses', count(*) FILTER (WHERE in_clauses), NULL FROM f
        UNION ALL SELECT 'ensemble', 'reserves', count(*) FILTER (WHERE in_reserved), NULL FROM f
        UNION ALL SELECT 'rsa', 'tous', count(*) FILTER (WHERE 'rsa' = ANY (criteria)), NULL FROM f
        UNION ALL SELECT 'rsa', 'clauses', count(*) FILTER (WHERE 'rsa' = ANY (criteria) AND in_clauses), NULL FROM f
        UNION ALL SELECT 'rsa', 'reserves', count(*) FILTER (WHERE 'rsa' = ANY (criteria) AND in_reserved), NULL FROM f
        UNION ALL SELECT 'sexe', coalesce(sex, 'inconnu'), count(*), NULL FROM f GROUP BY 2
        UNION ALL SELECT 'age', CASE WHEN birth_year IS NULL THEN 'inconnu' WHEN @year - birth_year < 26 THEN 'moins_26'
                                     WHEN @year - birth_year < 50 THEN '26_49' ELSE '50_plus' END, count(*), NULL FROM f GROUP BY 2
        UNION ALL SELECT 'qpv', CASE qpv_resident WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'inconnu' END, count(*), NULL FROM f GROUP BY 2
        UNION ALL SELECT 'territoire', coalesce(departement, 'inconnu'), count(*), sum(hours) FROM f GROUP BY 2
        UNION ALL SELECT 'public', c, count(*), NULL FROM f, unnest(f.criteria) AS c GROUP BY 2
        """;

    /// <summary>The naive path plugged into the product's own <see cref="SparDashboardStore.LoadAsync"/>: the same queries for
    /// contracts, lots, clauses, exits, partnerships and targets, the hour-derived figures from hour_records.</summary>
    private sealed class NaiveFigures : SparDashboardStore.IHourFigures
    {
        public async Task<List<SparDashboardStore.MonthHours>> MonthsAsync(TenantSession db, SparDashboardStore.Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<SparDashboardStore.MonthHours>(NaiveMonths, scope.Args, ct)).ToList();

        public async Task<List<SparDashboardStore.LotHours>> LotHoursAsync(TenantSession db, SparDashboardStore.Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<SparDashboardStore.LotHours>(NaiveLotHours, scope.Args, ct)).ToList();

        // The roll-up's "month <= asOf" is "period < first day of the month after asOf's month" on raw records.
        public async Task<Dictionary<Guid, decimal>> DoneByLotAsync(TenantSession db, SparDashboardStore.Scope scope, Guid[] clauseLots,
            CancellationToken ct) =>
            (await db.QueryAsync<(Guid LotId, decimal Hours)>(NaiveDone, new
            {
                organisationId = scope.OrganisationId, clauseLots, doneTo = new DateOnly(scope.AsOf.Year, scope.AsOf.Month, 1).AddMonths(1),
            }, ct)).ToDictionary(d => d.LotId, d => d.Hours);

        public async Task<List<SparDashboardStore.PeopleCount>> PeopleAsync(TenantSession db, SparDashboardStore.Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<SparDashboardStore.PeopleCount>(NaivePeople, scope.Args, ct)).ToList();

    }

    private static Task<SparDashboardStore.Data> NaiveLoadAsync(TenantSession db, Guid organisationId, int year, DateOnly asOf) =>
        SparDashboardStore.LoadAsync(db, organisationId, year, asOf, CancellationToken.None, new NaiveFigures());

    /// <summary>Row-by-row equality of the hour-derived data, then of the dashboards built from each.</summary>
    private static string Compare(OrgYear s, SparDashboardStore.Data product, SparDashboardStore.Data naive, DateOnly today)
    {
        static List<string> Months(SparDashboardStore.Data d) => d.Months
            .Select(h => $"{h.Month:yyyy-MM} {h.Modality} {h.SiaeId} {h.Hours:F2}").Order(StringComparer.Ordinal).ToList();
        static List<string> Lots(SparDashboardStore.Data d) => d.LotHours
            .Select(h => $"{h.ContractId} {h.LotId} {h.Hours:F2}").Order(StringComparer.Ordinal).ToList();
        // A lot whose hours all fall after the as-of day may be listed at 0 or not at all: the builder reads both as 0.
        static List<string> Done(SparDashboardStore.Data d) => d.DoneByLot.Where(x => x.Value != 0m)
            .Select(x => $"{x.Key} {x.Value:F2}").Order(StringComparer.Ordinal).ToList();
        // Categories without anyone are not stored; the builder reads a missing category as 0.
        static List<string> People(SparDashboardStore.Data d) => d.People.Where(x => x.Persons > 0)
            .Select(x => $"{x.Dimension} {x.Category} {x.Persons} {x.Hours:F2}").Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (!Months(product).SequenceEqual(Months(naive))) problems.Add("hours by month differ");
        if (!Lots(product).SequenceEqual(Lots(naive))) problems.Add("hours by lot differ");
        if (!Done(product).SequenceEqual(Done(naive))) problems.Add("burn-down differs");
        if (!People(product).SequenceEqual(People(naive))) problems.Add("people differ");
        if (!product.Contracts.Select(c => c.Id).SequenceEqual(naive.Contracts.Select(c => c.Id))) problems.Add("contracts differ");
        var json = JsonSerializer.Serialize(SparDashboardBuilder.Build(s.Org, s.Name, s.Year, s.AsOf(today), product));
        var naiveJson = JsonSerializer.Serialize(SparDashboardBuilder.Build(s.Org, s.Name, s.Year, s.AsOf(today), naive));
        if (json != naiveJson) problems.Add("built dashboards differ");
        if (problems.Count > 0) throw new InvalidOperationException($"{s.Label}: naive and product disagree: {string.Join(", ", problems)}");
        var persons = product.People.FirstOrDefault(p => p.Dimension == "ensemble" && p.Category == "tous")?.Persons ?? 0;
        static string N(decimal x) => x.ToString("N0", CultureInfo.InvariantCulture).Replace(',', ' ');
        return $"equal: {N(product.Months.Count + product.LotHours.Count)} hour groups ({N(product.LotHours.Sum(h => h.Hours))} h), {N(product.Contracts.Count)} contracts, "
            + $"{N(product.Lots.Count)} lots, {N(product.DoneByLot.Count)} clause lots, {N(persons)} people; same dashboard JSON";
    }
}
