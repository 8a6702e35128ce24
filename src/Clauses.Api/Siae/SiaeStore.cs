using System.Text.Json;
using Clauses.Api.Data;
using Clauses.Core.Siae;

namespace Clauses.Api.Siae;

/// <summary>SQL for the SIAE directory. The table is public national data without row-level security: every signed-in
/// user reads it; the endpoints decide who writes.</summary>
public static class SiaeStore
{
    private const string Select = """
        SELECT s.id, s.siret, s.name, s.brand, s.kind, s.sectors, s.departements, s.city, s.postcode, s.radius_km,
               s.contact_email, s.contact_phone, s.website, s.source, s.external_id, s.external_slug, s.imported_at,
               s.created_at, s.updated_at, s.version
          FROM siae s
        """;

    // Each filter is written so PostgreSQL can use the table's indexes: siae_kind (btree), siae_sectors and
    // siae_departements (GIN, array containment @>), siae_name_trgm (GIN trigram, ILIKE) and the SIRET's unique btree
    // (prefix LIKE on digits).
    private const string Where = """
        WHERE (@Kind::text IS NULL OR s.kind = @Kind)
          AND (@Sector::text IS NULL OR s.sectors @> ARRAY[@Sector]::text[])
          AND (@Departement::text IS NULL OR s.departements @> ARRAY[@Departement]::text[])
          AND (@CountingKinds::text[] IS NULL OR (s.kind = ANY (@CountingKinds)) = @CountsTowardClause)
          AND (@Search::text IS NULL OR s.name ILIKE '%' || @Search || '%' OR (@SiretPrefix::text IS NOT NULL AND s.siret LIKE @SiretPrefix || '%'))
        """;

    public static async Task<(IReadOnlyList<SiaeResponse> Items, long Total)> ListAsync(
        TenantSession db, SiaeFilter f, int limit, int offset, CancellationToken ct)
    {
        var search = f.Search is null ? null : EscapeLike(f.Search);
        var siretPrefix = f.Search is { } s && s.Replace(" ", "", StringComparison.Ordinal) is { Length: >= 3 and <= 14 } digits
                          && digits.All(char.IsAsciiDigit) ? digits : null;
        var args = new
        {
            f.Kind, f.Sector, f.Departement, Search = search, SiretPrefix = siretPrefix,
            CountingKinds = f.CountsTowardClause is null ? null : SiaeKind.Terms.All.Where(k => k.CountsTowardClause).Select(k => k.Code).ToArray(),
            CountsTowardClause = f.CountsTowardClause ?? false,
            limit, offset,
        };
        var total = await db.ExecuteScalarAsync<long>($"SELECT count(*) FROM siae s {Where}", args, ct);
        var items = await db.QueryAsync<SiaeResponse>($"{Select} {Where} ORDER BY s.name, s.id LIMIT @limit OFFSET @offset", args, ct);
        return (items.ToList(), total);
    }

    public static Task<SiaeResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<SiaeResponse>($"{Select} WHERE s.id = @id", new { id }, ct);

    /// <summary>Reads the record's source and locks it until the transaction ends.</summary>
    public static Task<string?> LockSourceAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string?>("SELECT source FROM siae WHERE id = @id FOR UPDATE", new { id }, ct);

    /// <summary>The directory entry already holding this SIRET (other than <paramref name="exceptId"/>), if any.</summary>
    public static Task<(Guid Id, string Name, string Source)?> SiretHolderAsync(TenantSession db, string siret, Guid? exceptId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<(Guid, string, string)?>(
            "SELECT id, name, source FROM siae WHERE siret = @siret AND id IS DISTINCT FROM @exceptId", new { siret, exceptId }, ct);

    public static async Task<SiaeResponse> CreateAsync(TenantSession db, SiaeRequest r, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<Guid>("""
            INSERT INTO siae (siret, name, brand, kind, sectors, departements, city, postcode, radius_km,
                              contact_email, contact_phone, website, source)
            VALUES (@Siret, @Name, @Brand, @Kind, @Sectors, @Departements, @City, @Postcode, @RadiusKm,
                    @ContactEmail, @ContactPhone, @Website, 'saisie')
            RETURNING id
            """, Args(r, null, null), ct);
        return (await GetAsync(db, id, ct))!;
    }

    /// <returns>False when the version did not match.</returns>
    public static async Task<bool> UpdateAsync(TenantSession db, Guid id, int version, SiaeRequest r, CancellationToken ct) =>
        await db.ExecuteAsync("""
            UPDATE siae
               SET siret = @Siret, name = @Name, brand = @Brand, kind = @Kind, sectors = @Sectors, departements = @Departements,
                   city = @City, postcode = @Postcode, radius_km = @RadiusKm,
                   contact_email = @ContactEmail, contact_phone = @ContactPhone, website = @Website
             WHERE id = @id AND version = @version
            """, Args(r, id, version), ct) == 1;

    /// <summary>
    /// Applies an import batch in one statement: inserts new SIRETs, updates imported records whose data changed, and
    /// leaves alone those unchanged and every record entered by hand (source 'saisie'). Run inside the caller's
    /// transaction, after <see cref="LockImportAsync"/>.
    /// </summary>
    public static async Task<SiaeUpsertCounts> UpsertImportedAsync(TenantSession db, IReadOnlyList<SiaeImportRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return new SiaeUpsertCounts(0, 0, 0, 0);
        var batch = JsonSerializer.Serialize(rows, SnakeCase);
        var keptManual = await db.ExecuteScalarAsync<int>("""
            SELECT count(*)::int FROM siae
             WHERE source = 'saisie' AND siret IN (SELECT r.siret FROM jsonb_to_recordset(@batch::jsonb) AS r(siret text))
            """, new { batch }, ct);
        var (created, updated) = await db.QuerySingleOrDefaultAsync<(int, int)>("""
            WITH incoming AS (
              SELECT * FROM jsonb_to_recordset(@batch::jsonb) AS r(
                siret text, name text, brand text, kind text, sectors text[], departements text[], city text, postcode text,
                contact_email text, contact_phone text, website text, external_id text, external_slug text)
            ), written AS (
              INSERT INTO siae AS s (siret, name, brand, kind, sectors, departements, city, postcode,
                                     contact_email, contact_phone, website, source, external_id, external_slug, imported_at)
              SELECT siret, name, brand, kind, sectors, departements, city, postcode,
                     contact_email, contact_phone, website, 'marche_inclusion', external_id, external_slug, now()
                FROM incoming
              ON CONFLICT (siret) DO UPDATE
                 SET name = EXCLUDED.name, brand = EXCLUDED.brand, kind = EXCLUDED.kind, sectors = EXCLUDED.sectors,
                     departements = EXCLUDED.departements, city = EXCLUDED.city, postcode = EXCLUDED.postcode,
                     contact_email = EXCLUDED.contact_email, contact_phone = EXCLUDED.contact_phone, website = EXCLUDED.website,
                     external_id = EXCLUDED.external_id, external_slug = EXCLUDED.external_slug, imported_at = EXCLUDED.imported_at
               WHERE s.source = 'marche_inclusion'
                 AND (s.name, s.brand, s.kind, s.sectors, s.departements, s.city, s.postcode,
                      s.contact_email, s.contact_phone, s.website, s.external_id, s.external_slug)
                     IS DISTINCT FROM
                     (EXCLUDED.name, EXCLUDED.brand, EXCLUDED.kind, EXCLUDED.sectors, EXCLUDED.departements, EXCLUDED.city, EXCLUDED.postcode,
                      EXCLUDED.contact_email, EXCLUDED.contact_phone, EXCLUDED.website, EXCLUDED.external_id, EXCLUDED.external_slug)
              RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM written
            """, new { batch }, ct);
        return new SiaeUpsertCounts(created, updated, rows.Count - created - updated - keptManual, keptManual);
    }

    /// <summary>Serialises imports: a second one waits for the first to commit (transaction-scoped advisory lock).</summary>
    public static Task LockImportAsync(TenantSession db, CancellationToken ct) =>
        db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('clauses:siae-import', 0))", null, ct);

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static Dictionary<string, object?> Args(SiaeRequest r, Guid? id, int? version) => new()
    {
        ["Siret"] = SiaeInputs.NormalizeSiret(r.Siret),
        ["Name"] = r.Name?.Trim(),
        ["Brand"] = SiaeInputs.Blank(r.Brand),
        ["Kind"] = r.Kind,
        ["Sectors"] = SiaeInputs.Distinct(r.Sectors),
        ["Departements"] = SiaeInputs.Distinct(r.Departements),
        ["City"] = SiaeInputs.Blank(r.City),
        ["Postcode"] = SiaeInputs.Blank(r.Postcode),
        ["RadiusKm"] = r.RadiusKm,
        ["ContactEmail"] = SiaeInputs.Blank(r.ContactEmail),
        ["ContactPhone"] = SiaeInputs.Blank(r.ContactPhone),
        ["Website"] = SiaeInputs.Blank(r.Website),
        ["id"] = id,
        ["version"] = version,
    };
}

/// <summary>Normalisation shared by the endpoints and the import.</summary>
public static class SiaeInputs
{
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string? NormalizeSiret(string? s) => s is null ? null : Core.Common.Siret.Normalize(s);

    public static string[] Distinct(string[]? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];

    public static SiaeInput ToInput(SiaeRequest r) => new(
        NormalizeSiret(r.Siret), r.Name, Blank(r.Brand), r.Kind, Distinct(r.Sectors), Distinct(r.Departements),
        Blank(r.City), Blank(r.Postcode), r.RadiusKm, Blank(r.ContactEmail), Blank(r.ContactPhone), Blank(r.Website));
}
