using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Organisations;
using Clauses.Core.Spar;

namespace Clauses.Api.Spar;

public sealed record SparTargetResponse
{
    public int Year { get; init; }
    public required string Indicator { get; init; }
    public string Label => Core.Spar.Indicator.Terms.Find(Indicator)?.Label ?? Indicator;
    public string? Definition => Core.Spar.Indicator.Terms.Find(Indicator)?.Definition;
    public decimal TargetValue { get; init; }
    public required string Unit { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
}

public sealed record SparTargetRequest(decimal? TargetValue);

/// <summary>SPAR/SPASER targets (L2111-3), set by the organisation's directors per year and indicator.</summary>
public static class SparTargetsApi
{
    private static readonly string[] Readers = [Role.Directeur, Role.Admin, Role.Acheteur, Role.Facilitateur];
    private static readonly string[] Setters = [Role.Directeur, Role.Admin];

    public static RouteGroupBuilder MapSparTargets(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations/{organisationId:guid}/spar-targets").WithTags("SPAR");

        group.MapGet("/", async (Guid organisationId, int? year, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (!current.Required.HasAnyRole(organisationId, Readers)) return NotFound();
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(await db.QueryAsync<SparTargetResponse>("""
                SELECT year, indicator, target_value, unit, updated_at, version FROM spar_targets
                 WHERE organisation_id = @organisationId AND (@year::int IS NULL OR year = @year) ORDER BY year DESC, indicator
                """, new { organisationId, year }, ct));
        });

        group.MapPut("/{year:int}/{indicator}", async (Guid organisationId, int year, string indicator, SparTargetRequest r,
            TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.HasAnyRole(organisationId, Readers)) return NotFound();
            if (!user.HasAnyRole(organisationId, Setters))
                return Problems.Forbidden("Seuls les directeurs et administrateurs de l'organisation fixent ses objectifs.");
            var unit = Indicator.Terms.Find(indicator)?.Unit;
            var errors = Indicator.ValidateTarget(indicator, year, r.TargetValue, unit);
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            await using var db = await tenant.BeginAsync(ct);
            var saved = await db.QuerySingleOrDefaultAsync<SparTargetResponse>("""
                INSERT INTO spar_targets (organisation_id, year, indicator, target_value, unit, created_by)
                VALUES (@organisationId, @year, @indicator, @TargetValue, @unit, @userId)
                ON CONFLICT (organisation_id, year, indicator) DO UPDATE SET target_value = excluded.target_value
                RETURNING year, indicator, target_value, unit, updated_at, version
                """, new { organisationId, year, indicator, r.TargetValue, unit, userId = user.Id }, ct);
            await db.CommitAsync(ct);
            return TypedResults.Ok(saved);
        });

        group.MapDelete("/{year:int}/{indicator}", async (Guid organisationId, int year, string indicator, TenantDb tenant,
            CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.HasAnyRole(organisationId, Readers)) return NotFound();
            if (!user.HasAnyRole(organisationId, Setters))
                return Problems.Forbidden("Seuls les directeurs et administrateurs de l'organisation fixent ses objectifs.");
            await using var db = await tenant.BeginAsync(ct);
            var deleted = await db.ExecuteAsync(
                "DELETE FROM spar_targets WHERE organisation_id = @organisationId AND year = @year AND indicator = @indicator",
                new { organisationId, year, indicator }, ct);
            await db.CommitAsync(ct);
            return deleted == 0 ? Problems.NotFound("Aucun objectif n'est fixé pour cet indicateur cette année.") : TypedResults.NoContent();
        });

        return api;
    }

    private static IResult NotFound() => Problems.NotFound("Aucune organisation accessible ne porte cet identifiant.");
}
