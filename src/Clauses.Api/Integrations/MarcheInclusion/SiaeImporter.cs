using System.Text.Json;
using Clauses.Api.Data;
using Clauses.Api.Siae;
using Clauses.Core.Common;
using Clauses.Core.Siae;

namespace Clauses.Api.Integrations.MarcheInclusion;

/// <summary>
/// Imports the SIAE directory from Le Marché de l'inclusion in two steps: fetch every page (nothing is written while
/// fetching), then validate and apply everything in one transaction with a set-based upsert on SIRET. A failure while
/// fetching (HTTP error, timeout) or applying leaves the directory as it was, and the next run starts over.
///
/// Ownership: records imported (source marche_inclusion) mirror the Marché and are refreshed by each run; a record a
/// buyer entered by hand (source saisie) is never overwritten, even when the Marché has the same SIRET (counted in
/// KeptManual). Records that disappear from the Marché are not deleted (tender interests and hours may point to them).
/// </summary>
public sealed class SiaeImporter(MarcheInclusionClient client, TimeProvider time, ILogger<SiaeImporter> logger)
{
    private static readonly JsonSerializerOptions RecordJson = new();

    public sealed record Outcome(SiaeImportReport Report, bool Failed);

    /// <summary>Fetches, then opens the caller's unit of work only to apply (no transaction stays open during the HTTP calls).</summary>
    public async Task<Outcome> RunAsync(TenantDb tenant, CancellationToken ct)
    {
        var startedAt = time.GetUtcNow();
        MarcheInclusionFetch fetch;
        try
        {
            fetch = await client.FetchAllAsync(ct);
        }
        catch (MarcheInclusionException e)
        {
            logger.LogWarning(e, "SIAE import from Le Marché de l'inclusion failed after {Pages} pages", e.PagesFetched);
            return new Outcome(new SiaeImportReport
            {
                Pages = e.PagesFetched, Received = e.Received, Error = e.Message + " Aucune modification n'a été appliquée à l'annuaire.",
                StartedAt = startedAt, FinishedAt = time.GetUtcNow(),
            }, true);
        }

        var (rows, rejected, warnings, inactive) = Prepare(fetch.Records);
        await using var db = await tenant.BeginAsync(ct);
        await SiaeStore.LockImportAsync(db, ct);
        var counts = await SiaeStore.UpsertImportedAsync(db, rows, ct);
        await db.CommitAsync(ct);

        var report = new SiaeImportReport
        {
            Pages = fetch.Pages.Count, Received = fetch.Records.Count(),
            Created = counts.Created, Updated = counts.Updated, Unchanged = counts.Unchanged, KeptManual = counts.KeptManual,
            Inactive = inactive, Rejected = rejected, Warnings = warnings,
            StartedAt = startedAt, FinishedAt = time.GetUtcNow(),
        };
        logger.LogInformation("SIAE import: {Pages} pages, {Received} received, {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
            report.Pages, report.Received, report.Created, report.Updated, report.Unchanged, report.Rejected.Count);
        return new Outcome(report, false);
    }

    /// <summary>Maps and validates every record; returns the rows to apply and what was set aside.</summary>
    public static (List<SiaeImportRow> Rows, List<SiaeImportIssue> Rejected, List<SiaeImportIssue> Warnings, int Inactive) Prepare(IEnumerable<JsonElement> records)
    {
        var rows = new List<SiaeImportRow>();
        var rejected = new List<SiaeImportIssue>();
        var warnings = new List<SiaeImportIssue>();
        var inactive = 0;
        var bySiret = new Dictionary<string, SiaeImportRow>(StringComparer.Ordinal);

        foreach (var element in records)
        {
            MarcheSiae? record = null;
            try
            {
                if (element.ValueKind == JsonValueKind.Object) record = element.Deserialize<MarcheSiae>(RecordJson);
            }
            catch (JsonException)
            {
                record = null;
            }

            if (record is null)
            {
                rejected.Add(new SiaeImportIssue(null, null, "Enregistrement illisible (un objet JSON décrivant une structure était attendu)."));
                continue;
            }

            if (record.IsActive == false)
            {
                inactive++;
                continue;
            }

            var input = ToInput(record);
            var errors = SiaeRules.Validate(input);
            var name = string.IsNullOrWhiteSpace(record.Name) ? SiaeInputs.Blank(record.Brand) : record.Name.Trim();
            var siret = string.IsNullOrWhiteSpace(record.Siret) ? null : record.Siret.Trim();
            var essential = errors.Fields.Where(SiaeRules.EssentialFields.Contains).ToList();
            if (essential.Count > 0)
            {
                var reason = string.Join(" ", essential.SelectMany(errors.For));
                if (essential.Contains("kind") && record.Kind is { } kind && MarcheInclusionMapping.MapKind(kind) is null)
                    reason = $"Type de structure « {kind.Trim()} » non repris dans l'annuaire (types admis : {SiaeKind.Terms.CodesText}). "
                             + string.Join(" ", essential.Where(f => f != "kind").SelectMany(errors.For));
                rejected.Add(new SiaeImportIssue(siret, name, reason.Trim()));
                continue;
            }

            // Optional values that are malformed are dropped, the record kept.
            foreach (var field in errors.Fields)
            {
                warnings.Add(new SiaeImportIssue(input.Siret, input.Name, $"Valeur ignorée pour « {field} » : {string.Join(" ", errors.For(field))}"));
                input = field switch
                {
                    "brand" => input with { Brand = null },
                    "city" => input with { City = null },
                    "postcode" => input with { Postcode = null },
                    "contactEmail" => input with { ContactEmail = null },
                    "contactPhone" => input with { ContactPhone = null },
                    "website" => input with { Website = null },
                    "sectors" => input with { Sectors = [SiaeSector.Autre] },
                    _ => input,
                };
            }

            var row = new SiaeImportRow(
                input.Siret!, input.Name!.Trim(), input.Brand, input.Kind!, input.Sectors!, input.Departements!,
                input.City, input.Postcode, input.ContactEmail, input.ContactPhone, input.Website,
                record.ExternalId(), SiaeInputs.Blank(record.Slug));

            if (bySiret.TryGetValue(row.Siret, out var first))
            {
                // Their SIRET is not unique (antennas); the upsert may touch a row once, so the first record wins.
                rejected.Add(new SiaeImportIssue(row.Siret, row.Name,
                    $"SIRET déjà présent plus haut dans l'export (structure « {first.Name} », id {first.ExternalId}) : seule la première fiche est importée."));
                continue;
            }

            bySiret.Add(row.Siret, row);
            rows.Add(row);
        }

        return (rows, rejected, warnings, inactive);
    }

    /// <summary>Their record in our vocabulary: kind and sectors mapped, département from the record or else its postcode.</summary>
    public static SiaeInput ToInput(MarcheSiae r)
    {
        var name = SiaeInputs.Blank(r.Name) ?? SiaeInputs.Blank(r.Brand);
        var brand = SiaeInputs.Blank(r.Brand);
        if (brand is not null && string.Equals(brand, name, StringComparison.Ordinal)) brand = null;
        var departement = MarcheInclusionMapping.NormalizeDepartement(r.Department) ?? MarcheInclusionMapping.DepartementFromPostcode(r.PostCode);
        return new SiaeInput(
            Siret: r.Siret is null ? null : Siret.Normalize(r.Siret),
            Name: name,
            Brand: brand,
            Kind: MarcheInclusionMapping.MapKind(r.Kind) ?? SiaeInputs.Blank(r.Kind),
            Sectors: MarcheInclusionMapping.MapSectors(r.SectorSlugs()),
            Departements: departement is null ? [] : [departement],
            City: SiaeInputs.Blank(r.City),
            Postcode: SiaeInputs.Blank(r.PostCode),
            ContactEmail: SiaeInputs.Blank(r.ContactEmail),
            ContactPhone: SiaeInputs.Blank(r.ContactPhone),
            Website: SiaeInputs.Blank(r.ContactWebsite));
    }
}
