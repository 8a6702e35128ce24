using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Core.Common;
using Clauses.Core.Contracts;

namespace Clauses.Api.Contracts;

public static class ContractsApi
{
    public static RouteGroupBuilder MapContracts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contracts").WithTags("Marchés");

        group.MapGet("/", async (Guid? organisationId, string? search, string? kind, string? category, string? status,
            int? page, int? pageSize, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            var readable = user.Memberships.Where(m => m.Roles.Any(Roles.ContractReaders.Contains)).Select(m => m.OrganisationId).ToArray();
            if (organisationId is { } only)
            {
                if (!readable.Contains(only))
                    return Problems.Forbidden("Vous n'avez pas accès aux marchés de cette organisation.");
                readable = [only];
            }
            var (p, size, offset) = Http.Paging(page, pageSize);
            await using var db = await tenant.BeginAsync(ct);
            var (items, total) = await ContractsStore.ListAsync(db,
                new ContractFilter(readable, Blank(search), Blank(kind), Blank(category), Blank(status)), size, offset, ct);
            return TypedResults.Ok(new PagedList<ContractResponse>(items, p, size, total));
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var contract = await ContractsStore.GetAsync(db, id, ct);
            if (contract is null || !current.Required.HasAnyRole(contract.OrganisationId, Roles.ContractReaders)) return NotFound();
            var lots = await LotsStore.ListAsync(db, id, ct);
            return Http.OkWithETag(http, new ContractDetailResponse(contract, lots), contract.Version);
        });

        group.MapPost("/", async (ContractRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            var writable = user.Memberships.Where(m => m.Roles.Any(Roles.ContractWriters.Contains)).Select(m => m.OrganisationId).ToList();
            // A buyer of a single organisation need not name it.
            var organisationId = request.OrganisationId ?? (writable.Count == 1 ? writable[0] : null);
            var errors = Validate(request);
            if (organisationId is null)
                errors.Add("organisationId", "Indiquez l'organisation à laquelle rattacher le marché.");
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (!writable.Contains(organisationId!.Value))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de cette organisation peuvent y créer un marché.");

            await using var db = await tenant.BeginAsync(ct);
            if (await ContractsStore.ReferenceTakenAsync(db, organisationId.Value, request.Reference!.Trim(), null, ct))
                return DuplicateReference(request.Reference);
            var created = await ContractsStore.CreateAsync(db, organisationId.Value, request, user.Id, ct);
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/contracts/{created.Id}", created, created.Version);
        });

        group.MapPut("/{id:guid}", async (Guid id, ContractRequest request, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var existing = await ContractsStore.LockAsync(db, id, ct);
            if (existing is not { } found || !user.HasAnyRole(found.OrganisationId, Roles.ContractReaders)) return NotFound();
            if (!user.HasAnyRole(found.OrganisationId, Roles.ContractWriters))
                return Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent modifier ce marché.");
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();

            var errors = Validate(request);
            if (errors.IsValid && request.AmountHt is { } amount)
                errors.Merge(LotRules.ValidateLotsFitContract(amount, await LotsStore.OtherAmountsAsync(db, id, null, ct)));
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            if (await ContractsStore.ReferenceTakenAsync(db, found.OrganisationId, request.Reference!.Trim(), id, ct))
                return DuplicateReference(request.Reference);

            if (!await ContractsStore.UpdateAsync(db, id, version, request, ct)) return Http.PreconditionFailed();
            var updated = (await ContractsStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, updated, updated.Version);
        });

        return api;
    }

    private static ValidationErrors Validate(ContractRequest r)
    {
        var errors = ContractRules.Validate(new ContractInput(
            r.Reference!, r.Title!, r.Kind!, r.Category!, r.Status ?? ContractStatus.EnPreparation,
            string.IsNullOrWhiteSpace(r.CpvCode) ? null : r.CpvCode.Trim(), r.AmountHt ?? 0m, r.StartsOn, r.EndsOn, r.NotifiedOn));
        if (r.AmountHt is null) errors.Add("amountHt", "Le montant HT du marché est obligatoire.");
        return errors;
    }

    private static IResult DuplicateReference(string? reference) => Problems.Validation(new Dictionary<string, string[]>
    {
        ["reference"] = [$"Un autre marché de cette organisation porte déjà la référence « {reference?.Trim()} »."],
    });

    private static IResult NotFound() => Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
