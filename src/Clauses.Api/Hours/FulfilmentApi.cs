using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Hours;

namespace Clauses.Api.Hours;

public sealed record ClauseFulfilment(Guid ClauseId, int LotNumber, string Instrument, decimal? TargetHours, decimal ValidHours,
    decimal? Rate, decimal? HoursStillDue, decimal? Penalty, bool PenaltyCapped);

/// <summary>GET /api/contracts/{id}/fulfilment: for each clause, hours done against the target, what is still due, the penalty (R25).</summary>
public static class FulfilmentApi
{
    private sealed record Row
    {
        public Guid ClauseId { get; init; }
        public int LotNumber { get; init; }
        public required string Instrument { get; init; }
        public decimal? TargetHours { get; init; }
        public decimal? PenaltyPerHour { get; init; }
        public decimal? PenaltyCap { get; init; }
        public decimal ValidHours { get; init; }
    }

    public static RouteGroupBuilder MapFulfilment(this RouteGroupBuilder api)
    {
        api.MapGet("/contracts/{contractId:guid}/fulfilment", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var organisationId = await db.ExecuteScalarAsync<Guid?>("SELECT organisation_id FROM contracts WHERE id = @contractId", new { contractId }, ct);
            if (organisationId is not { } org || !current.Required.HasAnyRole(org, Roles.ContractReaders))
                return Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");
            // The SPAR roll-up holds each lot's current hours: only each month's latest statement version counts (a correction
            // replaces what it corrects), the same figure the dashboards show.
            var rows = await db.QueryAsync<Row>("""
                SELECT c.id AS clause_id, l.number AS lot_number, c.instrument, c.target_hours, c.penalty_per_hour, c.penalty_cap,
                       coalesce((SELECT sum(t.hours) FROM hour_month_totals t WHERE t.organisation_id = l.organisation_id AND t.lot_id = l.id), 0) AS valid_hours
                  FROM clauses c JOIN lots l ON l.id = c.lot_id
                 WHERE l.contract_id = @contractId AND c.instrument IN ('clause_execution', 'clause_alternative', 'marche_insertion')
                 ORDER BY l.number
                """, new { contractId }, ct);
            return TypedResults.Ok(rows.Select(r =>
            {
                if (r.TargetHours is not { } target)
                    return new ClauseFulfilment(r.ClauseId, r.LotNumber, r.Instrument, null, r.ValidHours, null, null, null, false);
                var f = FulfilmentRules.Compute(target, r.ValidHours, r.PenaltyPerHour, r.PenaltyCap);
                return new ClauseFulfilment(r.ClauseId, r.LotNumber, r.Instrument, target, r.ValidHours, f.Rate, f.HoursStillDue,
                    r.PenaltyPerHour is null ? null : f.Penalty, f.PenaltyCapped);
            }).ToList());
        }).WithTags("Heures d'insertion");
        return api;
    }
}
