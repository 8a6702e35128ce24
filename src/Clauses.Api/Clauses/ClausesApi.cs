using Clauses.Api.Auth;
using Clauses.Api.Contracts;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Api.Relevance;
using Clauses.Api.Wordings;
using Clauses.Core.Contracts;
using Clauses.Core.Sizing;
using Clauses.Core.Wordings;

namespace Clauses.Api.Clauses;

public static class ClausesApi
{
    public static RouteGroupBuilder MapClauses(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Clauses");

        group.MapGet("/lots/{lotId:guid}/clauses", async (Guid lotId, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var lot = await LotsStore.GetAsync(db, lotId, ct);
            if (lot is null || !current.Required.HasAnyRole(lot.OrganisationId, Roles.ContractReaders)) return LotNotFound();
            return TypedResults.Ok((await ClausesStore.ForLotAsync(db, lotId, ct)).Select(ToResponse).ToList());
        });

        group.MapPost("/lots/{lotId:guid}/clauses", async (Guid lotId, ClauseRequest request, HttpContext http, TenantDb tenant,
            CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var lot = await LotsStore.GetAsync(db, lotId, ct);
            if (lot is null || !user.HasAnyRole(lot.OrganisationId, Roles.ContractReaders)) return LotNotFound();
            if (!user.HasAnyRole(lot.OrganisationId, Roles.ContractWriters)) return WritersOnly();

            var contract = (await ContractsStore.LockAsync(db, lot.ContractId, ct))!.Value;   // serialises clause changes on a contract
            var kind = (await RelevanceStore.ContractAsync(db, lot.ContractId, ct))!.Kind;
            var check = ClauseValidation.Check(request, await ClausesStore.InstrumentsOfLotAsync(db, lotId, null, ct), kind == ContractKind.Concession);
            if (!check.Errors.IsValid) return Problems.Validation(check.Errors.ToDictionary());
            var wording = await ChooseWordingAsync(db, contract.OrganisationId, request, null, ct);
            if (wording is null) return UnknownWording(request);

            var id = await ClausesStore.InsertAsync(db, lot.OrganisationId, lotId, ToStored(request, check, wording), user.Id, ct);
            var created = (await ClausesStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.CreatedWithETag(http, $"/api/clauses/{id}", ToResponse(created), created.Version);
        });

        group.MapGet("/clauses/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var clause = await ClausesStore.GetAsync(db, id, ct);
            if (clause is null || !current.Required.HasAnyRole(clause.OrganisationId, Roles.ContractReaders)) return ClauseNotFound();
            return Http.OkWithETag(http, ToResponse(clause), clause.Version);
        });

        group.MapPut("/clauses/{id:guid}", async (Guid id, ClauseRequest request, HttpContext http, TenantDb tenant,
            CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var existing = await ClausesStore.GetAsync(db, id, ct);
            if (existing is null || !user.HasAnyRole(existing.OrganisationId, Roles.ContractReaders)) return ClauseNotFound();
            if (!user.HasAnyRole(existing.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();

            await ContractsStore.LockAsync(db, existing.ContractId, ct);
            var kind = (await RelevanceStore.ContractAsync(db, existing.ContractId, ct))!.Kind;
            var check = ClauseValidation.Check(request, await ClausesStore.InstrumentsOfLotAsync(db, existing.LotId, id, ct), kind == ContractKind.Concession);
            if (!check.Errors.IsValid) return Problems.Validation(check.Errors.ToDictionary());
            var wording = await ChooseWordingAsync(db, existing.OrganisationId, request, existing, ct);
            if (wording is null) return UnknownWording(request);

            if (!await ClausesStore.UpdateAsync(db, id, version, ToStored(request, check, wording), ct)) return Http.PreconditionFailed();
            var updated = (await ClausesStore.GetAsync(db, id, ct))!;
            await db.CommitAsync(ct);
            return Http.OkWithETag(http, ToResponse(updated), updated.Version);
        });

        group.MapDelete("/clauses/{id:guid}", async (Guid id, HttpContext http, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            var user = current.Required;
            await using var db = await tenant.BeginAsync(ct);
            var existing = await ClausesStore.GetAsync(db, id, ct);
            if (existing is null || !user.HasAnyRole(existing.OrganisationId, Roles.ContractReaders)) return ClauseNotFound();
            if (!user.HasAnyRole(existing.OrganisationId, Roles.ContractWriters)) return WritersOnly();
            if (Http.IfMatchVersion(http.Request) is not { } version) return Http.PreconditionRequired();
            if (!await ClausesStore.DeleteAsync(db, id, version, ct)) return Http.PreconditionFailed();
            await db.CommitAsync(ct);
            return TypedResults.NoContent();
        });

        // OOXML for Word's insertOoxml: with the tagged content control, and its content alone for updates.
        group.MapGet("/clauses/{id:guid}/render", async (Guid id, TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var clause = await ClausesStore.GetAsync(db, id, ct);
            if (clause is null || !current.Required.HasAnyRole(clause.OrganisationId, Roles.ContractReaders)) return ClauseNotFound();
            var r = ClauseRendering.Render(clause);
            return TypedResults.Ok(new RenderResponse(clause.Id, r.Tag, r.ControlTitle, clause.Version,
                r.Wording.Title + "\n" + r.Wording.PlainText, ClauseOoxml.FlatOpc(r, withControl: true), ClauseOoxml.FlatOpc(r, withControl: false)));
        });

        // "Vérifier le document": the document's tags against the contract's clauses as they are now.
        group.MapPost("/contracts/{contractId:guid}/document-check", async (Guid contractId, DocumentCheckRequest request,
            TenantDb tenant, CurrentUserAccessor current, CancellationToken ct) =>
        {
            if (request.Tags is { Length: > 5000 })
                return Problems.Validation(new Dictionary<string, string[]> { ["tags"] = ["Un document ne peut pas porter plus de 5 000 clauses."] });
            await using var db = await tenant.BeginAsync(ct);
            var contract = await ContractsStore.GetAsync(db, contractId, ct);
            if (contract is null || !current.Required.HasAnyRole(contract.OrganisationId, Roles.ContractReaders)) return ContractNotFound();
            var rendered = (await ClausesStore.ForContractAsync(db, contractId, ct)).Select(ClauseRendering.Render).ToDictionary(r => r.Clause.Id);
            return TypedResults.Ok(DocumentCheck.Compare(request.Tags ?? [], rendered));
        });

        group.MapGet("/contracts/{contractId:guid}/annex.docx", async (Guid contractId, TenantDb tenant, CurrentUserAccessor current,
            TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await tenant.BeginAsync(ct);
            var contract = await ContractsStore.GetAsync(db, contractId, ct);
            if (contract is null || !current.Required.HasAnyRole(contract.OrganisationId, Roles.ContractReaders)) return ContractNotFound();
            var buyer = await db.ExecuteScalarAsync<string>("SELECT name FROM organisations WHERE id = @OrganisationId", contract, ct);
            var lots = await RelevanceStore.LotsAsync(db, contractId, ct);
            var clauses = (await ClausesStore.ForContractAsync(db, contractId, ct)).Select(ClauseRendering.Render).ToList();
            var bytes = AnnexDocument.Build(new AnnexDocument.Contract(contract.Reference, contract.Title, buyer, contract.AmountHt),
                lots, clauses, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                $"Annexe clauses sociales - {SafeFileName(contract.Reference)}.docx");
        });

        return api;
    }

    /// <summary>The wording a clause uses: the one asked for, else the clause's current one, else the latest for its instrument.</summary>
    private static async Task<WordingResponse?> ChooseWordingAsync(TenantSession db, Guid organisationId, ClauseRequest r, ClauseRow? existing, CancellationToken ct)
    {
        var code = r.WordingCode ?? (existing?.Instrument == r.Instrument ? existing?.WordingCode : null) ?? WordingLibrary.DefaultCodeFor(r.Instrument!);
        var version = r.WordingVersion ?? (code == existing?.WordingCode ? existing?.WordingVersion : null);
        var wording = version is { } v
            ? await WordingsStore.FindAsync(db, organisationId, code, v, ct)
            : await WordingsStore.LatestAsync(db, organisationId, code, ct);
        return wording?.Instrument == r.Instrument ? wording : null;
    }

    private static StoredClause ToStored(ClauseRequest r, ClauseValidation.Outcome check, WordingResponse wording)
    {
        var sized = check.Sizing is not null;
        return new StoredClause(
            r.Instrument!, sized ? r.SizingMode ?? SizingMode.HeuresFixes : r.SizingMode, r.AmountHt, r.LabourShare,
            r.LabourShareSource ?? (r.LabourShare is null ? null : LabourShareSource.Saisie), r.InsertionRate, r.HourlyCost,
            r.RoundingMode ?? RoundingMode.DemiSuperieur, check.TargetHours, check.Sizing?.ExactHours, string.IsNullOrWhiteSpace(r.Preset) ? null : r.Preset,
            r.AwardWeight, r.PenaltyPerHour, r.PenaltyCap, (r.EligibleCriteria ?? []).Distinct().ToArray(), (r.AllowedModalities ?? []).Distinct().ToArray(),
            r.ReportingFrequency, string.IsNullOrWhiteSpace(r.FacilitatorContact) ? null : r.FacilitatorContact.Trim(),
            wording.Id, wording.Code, wording.Version, check.Sizing?.Warnings.Select(w => w.Code).ToArray() ?? []);
    }

    private static ClauseResponse ToResponse(ClauseRow c)
    {
        var sizing = c.Instrument == Core.Clauses.Instrument.ClauseExecution ? Sizer.Compute(c.ToSizingInput()) : null;
        var tag = c.WordingBody is null ? "" : ClauseRendering.Render(c).Tag;
        return new ClauseResponse(c.Id, c.ContractId, c.LotId, c.LotNumber, c.Instrument, c.SizingMode, c.AmountHt, c.LabourShare,
            c.LabourShareSource, c.InsertionRate, c.HourlyCost, c.RoundingMode, c.Preset, c.AwardWeight, c.PenaltyPerHour, c.PenaltyCap,
            c.EligibleCriteria, c.AllowedModalities, c.ReportingFrequency, c.FacilitatorContact, c.TargetHours, c.ExactHours,
            sizing?.Formula, sizing?.Warnings ?? [], c.WordingCode, c.WordingVersion, tag, c.UpdatedAt, c.Version);
    }

    private static string SafeFileName(string s) => string.Concat(s.Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch == '/' ? '-' : ch));

    private static IResult UnknownWording(ClauseRequest r) => Problems.Validation(new Dictionary<string, string[]>
    {
        ["wordingCode"] = [$"Aucune rédaction « {r.WordingCode ?? WordingLibrary.DefaultCodeFor(r.Instrument!)} »{(r.WordingVersion is { } v ? $" en version {v}" : "")} ne convient à cet instrument."],
    });

    private static IResult LotNotFound() => Problems.NotFound("Aucun lot accessible ne porte cet identifiant.");
    private static IResult ClauseNotFound() => Problems.NotFound("Aucune clause accessible ne porte cet identifiant.");
    private static IResult ContractNotFound() => Problems.NotFound("Aucun marché accessible ne porte cet identifiant.");
    private static IResult WritersOnly() => Problems.Forbidden("Seuls les acheteurs et administrateurs de l'organisation peuvent modifier ses clauses.");
}
