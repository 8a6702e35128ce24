using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Sizing;

namespace Clauses.Api.Sizing;

public sealed record LabourShareOverrideRequest(decimal? Share, string? Reference);

public static class LabourSharesApi
{
    public static RouteGroupBuilder MapLabourShares(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Dimensionnement");

        // R3: the shipped table (sourced values and defaults to validate) with the organisation's own values.
        group.MapGet("/labour-shares", async (Guid? organisationId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (organisationId is not { } org) return TypedResults.Ok(LabourShareTable.Default);
            if (!current.Required.IsMember(org)) return Problems.Forbidden("Vous n'êtes pas membre de cette organisation.");
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(LabourShareTable.Resolve(await OverridesAsync(db, org, ct)));
        });

        group.MapPut("/organisations/{organisationId:guid}/labour-shares/{trade}", async (Guid organisationId, string trade,
            LabourShareOverrideRequest request, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.HasAnyRole(organisationId, Roles.ContractWriters))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent modifier sa table des parts de main-d'œuvre.");
            var errors = LabourShareTable.ValidateOverride(new LabourShareOverride(trade, request.Share ?? 0m, request.Reference));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            await using var db = await tenant.BeginAsync(ct);
            await db.ExecuteAsync("""
                INSERT INTO labour_share_overrides (organisation_id, trade, share, source, updated_by)
                VALUES (@organisationId, @trade, @Share, @Reference, @userId)
                ON CONFLICT (organisation_id, trade) DO UPDATE
                   SET share = excluded.share, source = excluded.source, updated_by = excluded.updated_by, updated_at = now()
                """, new { organisationId, trade, request.Share, request.Reference, userId = user.Id }, ct);
            var table = LabourShareTable.Resolve(await OverridesAsync(db, organisationId, ct));
            await db.CommitAsync(ct);
            return TypedResults.Ok(LabourShareTable.Find(table, trade));
        });

        group.MapDelete("/organisations/{organisationId:guid}/labour-shares/{trade}", async (Guid organisationId, string trade,
            TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (!current.Required.HasAnyRole(organisationId, Roles.ContractWriters))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent modifier sa table des parts de main-d'œuvre.");
            await using var db = await tenant.BeginAsync(ct);
            var deleted = await db.ExecuteAsync(
                "DELETE FROM labour_share_overrides WHERE organisation_id = @organisationId AND trade = @trade", new { organisationId, trade }, ct);
            await db.CommitAsync(ct);
            return deleted == 0 ? Problems.NotFound("Cette organisation n'a pas de valeur propre pour ce corps d'état.") : TypedResults.NoContent();
        });

        return api;
    }

    public static async Task<IReadOnlyList<LabourShareOverride>> OverridesAsync(TenantSession db, Guid organisationId, CancellationToken ct) =>
        (await db.QueryAsync<LabourShareOverride>(
            "SELECT trade, share, source AS reference FROM labour_share_overrides WHERE organisation_id = @organisationId ORDER BY trade",
            new { organisationId }, ct)).ToList();
}
