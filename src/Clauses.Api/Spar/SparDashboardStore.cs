using Clauses.Api.Data;

namespace Clauses.Api.Spar;

/// <summary>
/// The dashboard's queries. Hours and people come from the roll-ups kept by triggers (migration 0013), never from
/// hour_records; contracts, lots and clauses are read for the organisation only. Each query is one index range.
/// </summary>
public static class SparDashboardStore
{
    // Property records: Dapper maps dates to DateOnly and text[] to string[] through setters, not constructors.
    public sealed record MonthHours
    {
        public DateOnly Month { get; init; }
        public Guid ContractId { get; init; }
        public Guid LotId { get; init; }
        public string Modality { get; init; } = "";
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

    public sealed record PeopleCount
    {
        public string Dimension { get; init; } = "";
        public string Category { get; init; } = "";
        public long Persons { get; init; }
    }

    public sealed record TerritoryHours
    {
        public string? Departement { get; init; }
        public decimal Hours { get; init; }
    }

    public sealed record Target
    {
        public string Indicator { get; init; } = "";
        public decimal TargetValue { get; init; }
    }

    public sealed record Data(
        IReadOnlyList<MonthHours> Hours,
        IReadOnlyList<Contract> Contracts,
        IReadOnlyList<Lot> Lots,
        IReadOnlyList<Clause> Clauses,
        IReadOnlyDictionary<Guid, decimal> DoneByLot,
        IReadOnlyList<PeopleCount> People,
        IReadOnlyList<TerritoryHours> HoursByTerritory,
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
        Task<List<MonthHours>> HoursAsync(TenantSession db, Scope scope, CancellationToken ct);
        Task<Dictionary<Guid, decimal>> DoneByLotAsync(TenantSession db, Scope scope, Guid[] clauseLots, CancellationToken ct);
        Task<List<PeopleCount>> PeopleAsync(TenantSession db, Scope scope, CancellationToken ct);
        Task<List<TerritoryHours>> TerritoriesAsync(TenantSession db, Scope scope, CancellationToken ct);
    }

    public static readonly IHourFigures Rollups = new RollupFigures();

    public static async Task<Data> LoadAsync(TenantSession db, Guid organisationId, int year, DateOnly asOf, CancellationToken ct,
        IHourFigures? figures = null)
    {
        figures ??= Rollups;
        var scope = new Scope(organisationId, year, asOf);
        var (from, to) = (scope.From, scope.To);
        var args = scope.Args;

        var hours = await figures.HoursAsync(db, scope, ct);
        var withHours = hours.Select(h => h.ContractId).Distinct().ToArray();

        // Contracts notified in the year (the ratios' base), those with hours in it, and those whose execution overlaps it
        // with an hourly clause (burn-down). Subsidies are not public contracts and stay out of the ratios (see the builder).
        var contracts = (await db.QueryAsync<Contract>("""
            SELECT c.id, c.reference, c.title, c.kind, c.category, c.amount_ht, c.notified_on, c.starts_on, c.ends_on
              FROM contracts c
             WHERE c.organisation_id = @organisationId
               AND (c.notified_on >= @from AND c.notified_on < @to
                    OR c.id = ANY (@withHours)
                    OR (c.starts_on < @to AND c.ends_on >= @from
                        AND EXISTS (SELECT 1 FROM clauses k JOIN lots l ON l.id = k.lot_id
                                     WHERE l.contract_id = c.id AND k.organisation_id = @organisationId AND k.target_hours IS NOT NULL)))
             ORDER BY c.reference
            """, new { organisationId, from, to, withHours }, ct)).ToList();
        var contractIds = contracts.Select(c => c.Id).ToArray();

        var lots = (await db.QueryAsync<Lot>("""
            SELECT l.id, l.contract_id, l.number, (r.id IS NOT NULL) AS analysed, co.name AS contractor,
                   coalesce((SELECT array_agg(k.instrument ORDER BY k.instrument) FROM clauses k WHERE k.lot_id = l.id), '{}') AS instruments
              FROM lots l LEFT JOIN relevance_analyses r ON r.lot_id = l.id LEFT JOIN companies co ON co.id = l.contractor_company_id
             WHERE l.organisation_id = @organisationId AND l.contract_id = ANY (@contractIds)
            """, new { organisationId, contractIds }, ct)).ToList();
        var lotIds = lots.Select(l => l.Id).ToArray();

        var clauses = (await db.QueryAsync<Clause>("""
            SELECT id, lot_id, instrument, target_hours, penalty_per_hour, penalty_cap FROM clauses
             WHERE organisation_id = @organisationId AND lot_id = ANY (@lotIds) AND target_hours IS NOT NULL
               AND instrument IN ('clause_execution', 'clause_alternative', 'marche_insertion')
            """, new { organisationId, lotIds }, ct)).ToList();
        var clauseLots = clauses.Select(c => c.LotId).Distinct().ToArray();

        var done = await figures.DoneByLotAsync(db, scope, clauseLots, ct);
        var people = await figures.PeopleAsync(db, scope, ct);
        var territories = await figures.TerritoriesAsync(db, scope, ct);

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

        return new Data(hours, contracts, lots, clauses, done, people, territories, exits, partnerships, targets);
    }

    /// <summary>The product's figures: the roll-ups kept by triggers (migration 0013), never hour_records.</summary>
    private sealed class RollupFigures : IHourFigures
    {
        public async Task<List<MonthHours>> HoursAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<MonthHours>("""
                SELECT month, contract_id, lot_id, modality, hours FROM hour_month_totals
                 WHERE organisation_id = @organisationId AND month >= @from AND month < @to AND records <> 0
                """, scope.Args, ct)).ToList();

        // A clause's hours over its whole execution, up to the as-of day: one range of the (lot, month) index per lot, read
        // from the index alone (migration 0013). Written per lot because with "lot_id = ANY" the planner, misled by the RLS
        // predicate's selectivity, reads every month of the organisation instead (bench/RESULTS.md).
        public async Task<Dictionary<Guid, decimal>> DoneByLotAsync(TenantSession db, Scope scope, Guid[] clauseLots, CancellationToken ct) =>
            (await db.QueryAsync<(Guid LotId, decimal Hours)>("""
                SELECT x.lot_id, t.hours
                  FROM unnest(@clauseLots) AS x (lot_id)
                  CROSS JOIN LATERAL (SELECT sum(h.hours) AS hours FROM hour_month_totals h
                                       WHERE h.lot_id = x.lot_id AND h.month <= @asOf AND h.organisation_id = @organisationId) t
                 WHERE t.hours IS NOT NULL
                """, new { organisationId = scope.OrganisationId, clauseLots, asOf = scope.AsOf }, ct)).ToDictionary(d => d.LotId, d => d.Hours);

        public async Task<List<PeopleCount>> PeopleAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<PeopleCount>("SELECT dimension, category, persons FROM spar_people(@organisationId, @year)", scope.Args, ct)).ToList();

        // Territory: where the people who did the hours live (participants.departement; no identity is read).
        public async Task<List<TerritoryHours>> TerritoriesAsync(TenantSession db, Scope scope, CancellationToken ct) =>
            (await db.QueryAsync<TerritoryHours>("""
                SELECT p.departement, sum(t.hours) AS hours
                  FROM participant_year_totals t JOIN participants p ON p.id = t.participant_id
                 WHERE t.organisation_id = @organisationId AND t.year = @year AND t.records <> 0
                 GROUP BY p.departement
                """, scope.Args, ct)).ToList();
    }

    /// <summary>The organisations whose dashboard the user may open: those where they are director, admin or facilitator
    /// (a facilitator serving several organisations sees each of them).</summary>
    public static Task<IEnumerable<(Guid Id, string Name)>> OrganisationsAsync(TenantSession db, Guid[] ids, CancellationToken ct) =>
        db.QueryAsync<(Guid Id, string Name)>("SELECT id, name FROM organisations WHERE id = ANY (@ids) ORDER BY name", new { ids }, ct);
}
