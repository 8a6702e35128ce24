using Clauses.Api.Data;
using Clauses.Core.Wordings;
using Dapper;
using Npgsql;

namespace Clauses.Api.Wordings;

public sealed record WordingResponse
{
    public Guid Id { get; init; }
    /// <summary>Null for the national library shipped with Clauses.</summary>
    public Guid? OrganisationId { get; init; }
    public required string Code { get; init; }
    public required string Instrument { get; init; }
    public int Version { get; init; }
    public required string Title { get; init; }
    public required string LegalBasis { get; init; }
    public required string Body { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool National => OrganisationId is null;
}

/// <summary>Body of POST /api/organisations/{id}/wordings: a new version of a wording for that organisation.</summary>
public sealed record WordingRequest(string? Code, string? Title, string? Body);

public static class WordingsStore
{
    private const string Columns = "id, organisation_id, code, instrument, version, title, legal_basis, body, created_at";

    /// <summary>
    /// Copies the national library (Clauses.Core WordingLibrary) into the wordings table so clauses can
    /// reference the exact version they use. Existing rows are never changed: a text change is a new version.
    /// </summary>
    public static async Task SyncNationalAsync(string ownerConnectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        foreach (var w in WordingLibrary.National)
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO wordings (organisation_id, code, instrument, version, title, legal_basis, body)
                VALUES (NULL, @Code, @Instrument, @Version, @Title, @LegalBasis, @Body)
                ON CONFLICT (organisation_id, code, version) DO NOTHING
                """, w, cancellationToken: ct));
    }

    /// <summary>Every version visible to the caller: the national library and their organisations' own.</summary>
    public static async Task<IReadOnlyList<WordingResponse>> ListAsync(TenantSession db, Guid? organisationId, string? instrument, CancellationToken ct) =>
        (await db.QueryAsync<WordingResponse>($"""
            SELECT {Columns} FROM wordings
             WHERE (organisation_id IS NULL OR @organisationId::uuid IS NULL OR organisation_id = @organisationId)
               AND (@instrument::text IS NULL OR instrument = @instrument)
             ORDER BY code, version DESC, organisation_id NULLS FIRST
            """, new { organisationId, instrument }, ct)).ToList();

    public static Task<WordingResponse?> GetAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<WordingResponse>($"SELECT {Columns} FROM wordings WHERE id = @id", new { id }, ct);

    /// <summary>The newest version of a code for an organisation: its own or the national one, whichever is newer.</summary>
    public static Task<WordingResponse?> LatestAsync(TenantSession db, Guid organisationId, string code, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<WordingResponse>($"""
            SELECT {Columns} FROM wordings
             WHERE code = @code AND (organisation_id IS NULL OR organisation_id = @organisationId)
             ORDER BY version DESC LIMIT 1
            """, new { organisationId, code }, ct);

    public static Task<WordingResponse?> FindAsync(TenantSession db, Guid organisationId, string code, int version, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<WordingResponse>($"""
            SELECT {Columns} FROM wordings
             WHERE code = @code AND version = @version AND (organisation_id IS NULL OR organisation_id = @organisationId)
            """, new { organisationId, code, version }, ct);

    /// <summary>Adds the organisation's own next version of a code (numbering continues after the national versions).</summary>
    public static async Task<WordingResponse> AddVersionAsync(TenantSession db, Guid organisationId, WordingResponse basis, string title, string body, Guid userId, CancellationToken ct)
    {
        // Serialises concurrent additions of the same code in this organisation.
        await db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@key))", new { key = $"wording:{organisationId}:{basis.Code}" }, ct);
        return (await db.QuerySingleOrDefaultAsync<WordingResponse>($"""
            INSERT INTO wordings (organisation_id, code, instrument, version, title, legal_basis, body, created_by)
            SELECT @organisationId, @Code, @Instrument,
                   (SELECT max(version) + 1 FROM wordings WHERE code = @Code AND (organisation_id IS NULL OR organisation_id = @organisationId)),
                   @title, @LegalBasis, @body, @userId
            RETURNING {Columns}
            """, new { organisationId, basis.Code, basis.Instrument, title, basis.LegalBasis, body, userId }, ct))!;
    }
}
