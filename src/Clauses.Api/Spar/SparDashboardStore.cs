using Clauses.Api.Data;

namespace Clauses.Api.Spar;

/// <summary>
/// The dashboard's queries. Hours and people come from the roll-ups kept by triggers (migration 0013), never from
/// hour_records; contracts, lots and clauses are read for the organisation only. Each query is one index range.
/// </summary>
public static class SparDashboardStore
{
    // Property records: Dapper maps dates to DateOnly and text[] to string[] through setters, not constructors.
    /// <summary>Hours of a month by modality and SIAE (hour_month_modality_totals).</summary>
    public sealed record MonthHours
    {
        public DateOnly Month { get; init; }
        public string Modality { get; init; } = "";
        public Guid? SiaeId { get; init; }
        public decimal Hours { get; init; }
    }

    /// <summary>Hours of the year on one lot (hour_year_lot_totals).</summary>
    public sealed record LotHours
    {
        public Guid ContractId { get; init; }
        public Guid LotId { get; init; }
        public decimal Hours { get; init; }
    }

    public sealed record Contract
    {
        public Guid Id { get; init; }
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Category { get; init; } = "";
        public decimal AmountHt { get; init; }
        public DateOnly? NotifiedOn { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
    }

    public sealed record Lot
    {
        public Guid Id { get; init; }
        public Guid ContractId { get; init; }
        public int Number { get; init; }
        public bool Analysed { get; init; }
        public string[] Instruments { get; init; } = [];
        public Guid? ContractorCompanyId { get; init; }
        public string? Contractor { get; init; }
    }

    public sealed record Clause
    {
        public Guid Id { get; init; }
        public Guid LotId { get; init; }
        public string Instrument { get; init; } = "";
        public decimal TargetHours { get; init; }
        public decimal? PenaltyPerHour { get; init; }
        public decimal? PenaltyCap { get; init; }
    }

    /// <summary>People of the year in one category of a dimension (spar_people_year); the "territoire" rows also carry
    /// the hours done by the people living there.</summary>
    public sealed record PeopleCount
    {
        public string Dimension { get; init; } = "";
        public string Category { get; init; } = "";
        public long Persons { get; init; }
        public decimal? Hours { get; init; }
    }

    public sealed record Target
    {
        public string Indicator { get; init; } = "";
        public decimal TargetValue { get; init; }
    }

    public sealed record Data(
        IReadOnlyList<MonthHours> Months,
        IReadOnlyList<LotHours> LotHours,
        IReadOnlyDictionary<Guid, string> SiaeNames,
        IReadOnlyList<Contract> Contracts,
        IReadOnlyList<Lot> Lots,
        IReadOnlyList<Clause> Clauses,
        IReadOnlyDictionary<Guid, decimal> DoneByLot,
        IReadOnlyList<PeopleCount> People,
        IReadOnlyDictionary<string, long> ExitsByOutcome,
        int ContractsWithPartnership,
        IReadOnlyList<Target> Targets);

    /// <summary>The organisation and year a dashboard is for; AsOf is the day the burn-down is seen at.</summary>
    public sealed record Scope(Guid OrganisationId, int Year, DateOnly AsOf)
    {
        public DateOnly From => new(Year, 1, 1);
        public DateOnly To => From.AddYears(1);
        public object Args => new { organisationId = OrganisationId, year = Year, from = From, to = To, asOf = AsOf };
    }

    /// <summary>Where the figures derived from hour records come from: the roll-ups (<see cref="Rollups"/>), or anything that
    /// must equal them (the national-scale benchmark's GROUP BY over hour_records).</summary>
    public interface IHourFigures
    {
        Task<List<MonthHours>> MonthsAsync(TenantSession db, Scope scope, CancellationToken ct);
        Task<List<LotHours>> LotHoursAsync(TenantSession db, Scope scope, CancellationToken ct);
        Task<Dictionary<Guid, decimal>> DoneByLotAsync(TenantSession db, Scope scope, Guid[] clauseLots, CancellationToken ct);
        Task<List<PeopleCount>> PeopleAsync(TenantSession db, Scope scope, CancellationToken ct);
    }

    public static readonly IHourFigures Rollups = new RollupFigures();

    public static async Task<Data> LoadAsync(TenantSession db, Guid organisationId, int year, DateOnly asOf, CancellationToken ct,
        IHourFigures? figures = null)
    {
        figures ??= Rollups;
        var scope = new Scope(organisationId, year, asOf);
        var args = scope.Args;

        var months = await figures.MonthsAsync(db, scope, ct);
        var lotHours = await figures.LotHoursAsync(db, scope, ct);
        var siaeIds = months.Where(m => m.SiaeId is not null).Select(m => m.SiaeId!.Value).Distinct().ToArray();
        var siaeNames = siaeIds.Length == 0 ? new Dictionary<Guid, string>()
            : (await db.QueryAsync<(Guid Id, string Name)>("SELECT id, name FROM siae WHERE id = ANY (@siaeIds)", new { siaeIds }, ct))
                .ToDictionary(x => x.Id, x => x.Name);

        var (contracts, lots, clauses, done) = await ContractsAsync(db, scope, figures, lotHours, null, ct);
        var people = await figures.PeopleAsync(db, scope, ct);

        var exits = (await db.QueryAsync<(string Outcome, long Count)>("""
            SELECT outcome, count(*) FROM exits
             WHERE organisation_id = @organisationId AND exited_on >= @from AND exited_on < @to GROUP BY outcome
            """, args, ct)).ToDictionary(e => e.Outcome, e => e.Count, StringComparer.Ordinal);

        // Seed 004, fiche 31: "partenariats réels" — contracts with an SIAE partnership running during the year.
        var partnerships = await db.ExecuteScalarAsync<int>("""
            SELECT count(DISTINCT contract_id)::int FROM partnerships
             WHERE organisation_id = @organisationId
               AND coalesce(starts_on, @from) < @to AND coalesce(ends_on, @to) >= @from
            """, args, ct);

        var targets = (await db.QueryAsync<Target>(
            "SELECT indicator, target_value FROM spar_targets WHERE organisation_id = @organisationId AND year = @year", args, ct)).ToList();

        return new Data(months, lotHours, siaeNames, contracts, lots, clauses, done, people, exits, partnerships, targets);
    }

    /// <summary>One contract's drill-down: its row and its clauses' burn-down, read for that contract only (a métropole's
    /// year lists thousands); the other figures of the returned data are empty.</summary>
    public static async Task<Data> LoadContractAsync(TenantSession db, Guid organisationId, int year, DateOnly asOf, Guid contractId,
        CancellationToken ct)
    {
        var scope = new Scope(organisationId, year, asOf);
        var lotHours = (await Rollups.LotHoursAsync(db, scope, ct)).Where(h => h.ContractId == contractId).ToList();
        var (contracts, lots, clauses, done) = await ContractsAsync(db, scope, Rollups, lotHours, contractId, ct);
        return new Data([], lotHours, new Dictionary<Guid, string>(), contracts, lots, clauses, done, [],
            new Dictionary<string, long>(), 0, []);
    }

    /// <summary>The contracts of the year (or the one asked for), their lots and hourly clauses, and each clause's hours to date.</summary>
    private static async Task<(List<Contract>, List<Lot>, List<Clause>, Dictionary<Guid, decimal>)> ContractsAsync(TenantSession db,
        Scope scope, IHourFigures figures, List<LotHours> lotHours, Guid? onlyContract, CancellationToken ct)
    {
        var (organisationId, from, to) = (scope.OrganisationId, scope.From, scope.To);
        var withHours = lotHours.Select(h => h.ContractId).Distinct().ToArray();
        // Contracts, lots and clauses are read as sets: a métropole's year is 3 600 contracts and 6 600 lots among 30 000, and
        // probing relevance analyses, contractors and clauses lot by lot took 117 ms at national scale (bench/RESULTS.md).
        // The RLS predicate hides the organisation's size from the planner (it divides every estimate by ~200), which would
        // pick a probe per row; so these joins are told to hash, for these queries only.
        await db.ExecuteAsync("SET LOCAL enable_nestloop = off", null, ct);

        // Contracts notified in the year (the ratios' base), those with hours in it, and those whose execution overlaps it
        // with an hourly clause (burn-down). Subsidies are not public contracts and stay out of the ratios (see the builder).
        var contracts = (await db.QueryAsync<Contract>("""
            SELECT c.id, c.reference, c.title, c.kind, c.category, c.amount_ht, c.notified_on, c.starts_on, c.ends_on
              FROM contracts c
             WHERE c.organisation_id = @organisationId AND (@onlyContract::uuid IS NULL OR c.id = @onlyContract)
               AND (c.notified_on >= @from AND c.notified_on < @to
                    OR c.id = ANY (@withHours)
                    OR (c.starts_on < @to AND c.ends_on >= @from
                        AND c.id IN (SELECT l.contract_id FROM clauses k JOIN lots l ON l.id = k.lot_id
                                      WHERE k.organisation_id = @organisationId AND l.organisation_id = @organisationId
                                        AND k.target_hours IS NOT NULL)))
             ORDER BY c.reference
            """, new { organisationId, from, to, withHours, onlyContract }, ct)).ToList();
        var contractIds = contracts.Select(c => c.Id).ToArray();

        // Each lot with its instruments and whether it was analysed: every input read once by index (migration 0015's
        // covering indexes), then hashed.
        var lots = (await db.QueryAsync<Lot>("""
            WITH l AS MATERIALIZED (
              SELECT id, contract_id, number, contractor_company_id FROM lots
               WHERE organisation_id = @organisationId AND contract_id = ANY (@contractIds)),
            k AS (
              SELECT lot_id, array_agg(instrument ORDER BY instrument) AS instruments FROM clauses
               WHERE organisation_id = @organisationId AND lot_id IN (SELECT id FROM l) GROUP BY lot_id),
            r AS (SELECT lot_id FROM relevance_analyses WHERE organisation_id = @organisationId AND lot_id IN (SELECT id FROM l))
            SELECT l.id, l.contract_id, l.number, (r.lot_id IS NOT NULL) AS analysed, l.contractor_company_id,
                   coalesce(k.instruments, '{}') AS instruments
              FROM l LEFT JOIN r ON r.lot_id = l.id LEFT JOIN k ON k.lot_id = l.id
            """, new { organisationId, contractIds }, ct)).ToList();
        var lotIds = lots.Select(l => l.Id).ToArray();

        var clauses = (await db.QueryAsync<Clause>("""
            SELECT id, lot_id, instrument, target_hours, penalty_per_hour, penalty_cap FROM clauses
             WHERE organisation_id = @organisationId AND lot_id = ANY (@lotIds) AND target_hours IS NOT NULL
               AND instrument IN ('clause_execution', 'clause_alternative', 'marche_insertion')
            """, new { organisationId, lotIds }, ct)).ToList();
        await db.ExecuteAsync("SET LOCAL enable_nestloop = on", null, ct);

        // Contractors by key, for the lots with hours (the contractor breakdown): the companies table is national (every
        // contractor of every buyer), never read whole.
        var lotsWithHours = lotHours.Select(h => h.LotId).ToHashSet();
        var companyIds = lots.Where(l => l.ContractorCompanyId is not null && lotsWithHours.Contains(l.Id))
            .Select(l => l.ContractorCompanyId!.Value).Distinct().ToArray();
        if (companyIds.Length > 0)
        {
            var names = (await db.QueryAsync<(Guid Id, string Name)>("SELECT id, name FROM companies WHERE id = ANY (@companyIds)",
                new { companyIds }, ct)).ToDictionary(c => c.Id, c => c.Name);
            lots = [.. lots.Select(l => l.ContractorCompanyId is { } id ? l with { Contractor = names.GetValueOrDefault(id) } : l)];
        }
        var clauseLots = clauses.Select(c => c.LotId).Distinct().ToArray();

        var done = await figures.DoneByLotAsync(db, scope, clauseLots, ct);
        return (contracts, lots, clauses, done);
    }

    /// <summary>The product's figures: the roll-ups kept by triggers (migrations 0013 and 0015), never hour_records.</summary>
    private sealed class RollupFigures : IHourFigures
    {
        public async Task<List<MonthHours>> MonthsAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<MonthHours>("""
                SELECT month, modality, siae_id, hours FROM hour_month_modality_totals
                 WHERE organisation_id = @organisationId AND month >= @from AND month < @to AND records <> 0
                """, scope.Args, ct)).ToList();

        public async Task<List<LotHours>> LotHoursAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<LotHours>("""
                SELECT contract_id, lot_id, hours FROM hour_year_lot_totals
                 WHERE organisation_id = @organisationId AND year = @year AND records <> 0
                """, scope.Args, ct)).ToList();

        // A clause's hours over its whole execution up to the as-of day: the lot's years up to the dashboard's (one short
        // index range per lot, migration 0015: with "lot_id = ANY" the planner, misled by the RLS predicate's selectivity,
        // reads every row of the organisation), less what was recorded for months after the as-of day (one range of the
        // organisation's months; usually none).
        public async Task<Dictionary<Guid, decimal>> DoneByLotAsync(TenantSession db, Scope scope, Guid[] clauseLots, CancellationToken ct)
        {
            var args = new { organisationId = scope.OrganisationId, year = scope.Year, clauseLots, asOf = scope.AsOf, to = scope.To };
            var done = (await db.QueryAsync<(Guid LotId, decimal Hours)>("""
                SELECT x.lot_id, t.hours
                  FROM unnest(@clauseLots) AS x (lot_id)
                  CROSS JOIN LATERAL (SELECT sum(h.hours) AS hours FROM hour_year_lot_totals h
                                       WHERE h.lot_id = x.lot_id AND h.year <= @year AND h.organisation_id = @organisationId) t
                 WHERE t.hours IS NOT NULL
                """, args, ct)).ToDictionary(d => d.LotId, d => d.Hours);
            if (scope.AsOf < scope.To.AddDays(-1))
            {
                var later = await db.QueryAsync<(Guid LotId, decimal Hours)>("""
                    SELECT lot_id, sum(hours) FROM hour_month_totals
                     WHERE organisation_id = @organisationId AND month > @asOf AND month < @to
                     GROUP BY lot_id
                    """, args, ct);
                foreach (var (lot, hours) in later)
                    if (done.TryGetValue(lot, out var sum)) done[lot] = sum - hours;
            }
            return done;
        }

        // Typology, publics and territory, recounted by triggers whenever an input changes (migration 0015).
        public async Task<List<PeopleCount>> PeopleAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<PeopleCount>("""
                SELECT dimension, category, persons, hours FROM spar_people_year WHERE organisation_id = @organisationId AND year = @year
                """, scope.Args, ct)).ToList();
    }

    /// <summary>The organisations whose dashboard the user may open: those where they are director, admin or facilitator
    /// (a facilitator serving several organisations sees each of them).</summary>
    public static Task<IEnumerable<(Guid Id, string Name)>> OrganisationsAsync(TenantSession db, Guid[] ids, CancellationToken ct) =>
        db.QueryAsync<(Guid Id, string Name)>("SELECT id, name FROM organisations WHERE id = ANY (@ids) ORDER BY name", new { ids }, ct);
}
