using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Wordings;

namespace Clauses.Api.Wordings;

public static class WordingsApi
{
    public static RouteGroupBuilder MapWordings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Rédactions de clauses");

        group.MapGet("/wordings", async (Guid? organisationId, string? instrument, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (organisationId is { } org && !current.Required.IsMember(org))
                return Problems.Forbidden("Vous n'êtes pas membre de cette organisation.");
            await using var db = await tenant.BeginAsync(ct);
            return TypedResults.Ok(await WordingsStore.ListAsync(db, organisationId, string.IsNullOrWhiteSpace(instrument) ? null : instrument, ct));
        });

        group.MapGet("/wordings/{id:guid}", async (Guid id, TenantDb tenant, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            return await WordingsStore.GetAsync(db, id, ct) is { } w
                ? TypedResults.Ok(w)
                : Problems.NotFound("Aucune rédaction accessible ne porte cet identifiant.");
        });

        // An organisation's own version of a wording; earlier versions stay readable and in use where chosen.
        group.MapPost("/organisations/{organisationId:guid}/wordings", async (Guid organisationId, WordingRequest request,
            TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            if (!user.HasAnyRole(organisationId, Roles.ContractWriters))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent ajouter une rédaction.");
            var errors = WordingTemplate.Validate(request.Body ?? "");
            if (string.IsNullOrWhiteSpace(request.Code)) errors.Add("code", "Indiquez la rédaction dont vous créez une version (code).");
            if (request.Title is { Length: > 200 }) errors.Add("title", "Le titre ne doit pas dépasser 200 caractères.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

            await using var db = await tenant.BeginAsync(ct);
            var basis = await WordingsStore.LatestAsync(db, organisationId, request.Code!.Trim(), ct);
            if (basis is null)
                return Problems.Validation(new Dictionary<string, string[]> { ["code"] = [$"Aucune rédaction ne porte le code « {request.Code.Trim()} »."] });
            var created = await WordingsStore.AddVersionAsync(db, organisationId, basis,
                string.IsNullOrWhiteSpace(request.Title) ? basis.Title : request.Title.Trim(), request.Body!, user.Id, ct);
            await db.CommitAsync(ct);
            return TypedResults.Created($"/api/wordings/{created.Id}", created);
        });

        return api;
    }
}
