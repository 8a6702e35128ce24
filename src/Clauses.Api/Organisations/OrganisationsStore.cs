using Clauses.Api.Data;

namespace Clauses.Api.Organisations;

/// <summary>SQL for organisations. Row-level security limits every query to the caller's organisations.</summary>
public static class OrganisationsStore
{
    private const string Columns = "id, name, kind, btrim(siret) AS siret, departement, retention_months, created_at, updated_at, version";

    public static async Task<(IReadOnlyList<OrganisationResponse> Items, long Total)> ListAsync(
        TenantSession db, string? search, string? kind, int limit, int offset, CancellationToken ct)
    {
        const string where = """
            WHERE (@search IS NULL OR name ILIKE '%' || @search || '%')
              AND (@kind IS NULL OR kind = @kind)
            """;
        var args = new { search, kind, limit, offset };
        var total = await db.ExecuteScalarAsync<long>($"SELECT count(*) FROM organisations {where}", args, ct);
        var items = await db.QueryAsync<OrganisationResponse>(
            $"SELECT {Columns} FROM organisations {where} ORDER BY name, id LIMIT @limit OFFSET @offset", args, ct);
        return (items.ToList(), total);
    }

    public static Task<OrganisationResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<OrganisationResponse>($"SELECT {Columns} FROM organisations WHERE id = @id", new { id }, ct);

    public static async Task<OrganisationResponse> CreateAsync(TenantSession db, OrganisationRequest r, Guid creatorId, CancellationToken ct)
    {
        var created = await db.QuerySingleOrDefaultAsync<OrganisationResponse>($"""
            INSERT INTO organisations (name, kind, siret, departement, retention_months)
            VALUES (@Name, @Kind, @Siret, @Departement, coalesce(@RetentionMonths, 60))
            RETURNING {Columns}
            """, Normalised(r), ct);
        // The creator administers what they created.
        await db.ExecuteAsync("INSERT INTO memberships (organisation_id, user_id, role) VALUES (@id, @creatorId, 'admin')",
            new { id = created!.Id, creatorId }, ct);
        return created;
    }

    /// <returns>The updated row, or null when the version did not match (or the row is not visible).</returns>
    public static Task<OrganisationResponse?> UpdateAsync(TenantSession db, Guid id, int version, OrganisationRequest r, CancellationToken ct)
    {
        var n = Normalised(r);
        return db.QuerySingleOrDefaultAsync<OrganisationResponse>($"""
            UPDATE organisations
               SET name = @Name, kind = @Kind, siret = @Siret, departement = @Departement,
                   retention_months = coalesce(@RetentionMonths, retention_months)
             WHERE id = @id AND version = @version
            RETURNING {Columns}
            """, new { id, version, n.Name, n.Kind, n.Siret, n.Departement, n.RetentionMonths }, ct);
    }

    private static OrganisationRequest Normalised(OrganisationRequest r) => r with
    {
        Name = r.Name?.Trim(),
        Siret = string.IsNullOrWhiteSpace(r.Siret) ? null : r.Siret.Replace(" ", "", StringComparison.Ordinal),
        Departement = string.IsNullOrWhiteSpace(r.Departement) ? null : r.Departement.Trim().ToUpperInvariant(),
    };
}
