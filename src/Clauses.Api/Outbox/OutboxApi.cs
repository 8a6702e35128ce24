using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Organisations;

namespace Clauses.Api.Outbox;

/// <summary>The buyer's view of the mails their organisation sent (or failed to send) to SIAE.</summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutbox(this RouteGroupBuilder api)
    {
        api.MapGet("/organisations/{id:guid}/outbox", ListAsync).WithTags("Courriels");
        return api;
    }

    /// <summary>GET /api/organisations/{id}/outbox?status=en_attente|envoye|echoue&amp;page=&amp;pageSize= — admins and buyers of the organisation.</summary>
    public static async Task<IResult> ListAsync(Guid id, string? status, int? page, int? pageSize, TenantDb tenant, CurrentUserAccessor current,
        CancellationToken ct)
    {
        if (!current.Required.HasAnyRole(id, Role.Acheteur, Role.Admin))
            return Problems.Forbidden("Seuls les acheteurs et administrateurs de cette organisation suivent ses envois de courriels.");
        var filter = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        if (filter is not null && !OutboxStore.Statuses.Contains(filter))
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["status"] = [$"Statut inconnu. Valeurs possibles : {string.Join(", ", OutboxStore.Statuses)}."],
            });
        var (p, size, offset) = Http.Paging(page, pageSize);
        await using var db = await tenant.BeginAsync(ct);
        var (items, total) = await OutboxStore.ListAsync(db, id, filter, size, offset, ct);
        return TypedResults.Ok(new PagedList<OutboxItem>(items, p, size, total));
    }
}
