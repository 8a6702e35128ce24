using Clauses.Api.Data;

namespace Clauses.Api.Participants;

/// <summary>SQL for participants. Identities and eligibility evidence sit in their own tables, which
/// row-level security opens only to the organisation's facilitators.</summary>
public static class ParticipantsStore
{
    private const string Select = """
        SELECT p.id, p.organisation_id, p.number,
               CASE WHEN i.participant_id IS NULL THEN NULL ELSE upper(i.last_name) || ' ' || i.first_name END AS display_name,
               p.sex, p.birth_year, p.departement, p.qpv_resident, p.education_level,
               coalesce(v.valid, false) AS eligible_now, v.validated_on AS last_validated_on, v.valid_until,
               p.anonymised_at, p.created_at, p.version
          FROM participants p
          LEFT JOIN participant_identities i ON i.participant_id = p.id
          LEFT JOIN LATERAL (SELECT ev.validated_on, ev.valid_until, (ev.validated_on <= @today AND ev.valid_until >= @today) AS valid
                               FROM eligibility_validations ev WHERE ev.participant_id = p.id
                              ORDER BY ev.validated_on DESC LIMIT 1) v ON true
        """;

    public static async Task<(IReadOnlyList<ParticipantSummary> Items, long Total)> ListAsync(TenantSession db, Guid[] organisationIds,
        string? search, long? number, DateOnly today, int limit, int offset, CancellationToken ct)
    {
        const string where = """
            WHERE p.organisation_id = ANY (@organisationIds)
              AND (@search::text IS NULL OR @number::bigint = p.number
                   OR (i.last_name || ' ' || i.first_name) ILIKE '%' || @search || '%'
                   OR (i.first_name || ' ' || i.last_name) ILIKE '%' || @search || '%')
            """;
        var args = new { organisationIds, search, number, today, limit, offset };
        var total = await db.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM participants p LEFT JOIN participant_identities i ON i.participant_id = p.id {where}", args, ct);
        var items = await db.QueryAsync<ParticipantSummary>($"{Select} {where} ORDER BY p.number LIMIT @limit OFFSET @offset", args, ct);
        return (items.ToList(), total);
    }

    public static Task<ParticipantSummary?> GetAsync(TenantSession db, Guid id, DateOnly today, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<ParticipantSummary>($"{Select} WHERE p.id = @id", new { id, today }, ct);

    public static Task<IdentityRecord?> IdentityAsync(TenantSession db, Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<IdentityRecord>("""
            SELECT last_name, first_name, birth_date, email, phone, address, postcode, city, france_travail_id
              FROM participant_identities WHERE participant_id = @id
            """, new { id }, ct);

    public static async Task<IReadOnlyList<ValidationRecord>> ValidationsAsync(TenantSession db, Guid id, CancellationToken ct) =>
        (await db.QueryAsync<ValidationRecord>("""
            SELECT id, criteria, basis, prescriber_kind, prescriber_name, evidence_reference, validated_on, valid_until, created_at
              FROM eligibility_validations WHERE participant_id = @id ORDER BY validated_on DESC
            """, new { id }, ct)).ToList();

    public static async Task<IReadOnlyList<AssignmentRecord>> AssignmentsAsync(TenantSession db, Guid id, CancellationToken ct) =>
        (await db.QueryAsync<AssignmentRecord>("""
            SELECT a.id, a.lot_id, l.contract_id, c.reference AS contract_reference, l.number AS lot_number, a.clause_id,
                   a.employer_siret, a.siae_id, a.modality, a.employment_contract, a.job_title, a.starts_on, a.ends_on
              FROM assignments a JOIN lots l ON l.id = a.lot_id JOIN contracts c ON c.id = l.contract_id
             WHERE a.participant_id = @id ORDER BY a.starts_on DESC
            """, new { id }, ct)).ToList();

    public static async Task<IReadOnlyList<ExitRecord>> ExitsAsync(TenantSession db, Guid id, CancellationToken ct) =>
        (await db.QueryAsync<ExitRecord>("""
            SELECT id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome
              FROM exits WHERE participant_id = @id ORDER BY exited_on DESC
            """, new { id }, ct)).ToList();

    public static async Task<Guid> CreateAsync(TenantSession db, Guid organisationId, ParticipantRequest r, Guid userId, CancellationToken ct)
    {
        var i = r.Identity!;
        var id = await db.ExecuteScalarAsync<Guid>("""
            INSERT INTO participants (organisation_id, sex, birth_year, departement, qpv_resident, education_level, created_by)
            VALUES (@organisationId, @Sex, @birthYear, @Departement, @QpvResident, @EducationLevel, @userId)
            RETURNING id
            """, new { organisationId, r.Sex, birthYear = i.BirthDate!.Value.Year, r.Departement, r.QpvResident, r.EducationLevel, userId }, ct);
        await db.ExecuteAsync("""
            INSERT INTO participant_identities (participant_id, organisation_id, last_name, first_name, birth_date, email, phone,
                                                address, postcode, city, france_travail_id)
            VALUES (@id, @organisationId, @LastName, @FirstName, @BirthDate, @Email, @Phone, @Address, @Postcode, @City, @FranceTravailId)
            """, Identity(i, new { id, organisationId }), ct);
        return id;
    }

    /// <returns>False when the version did not match.</returns>
    public static async Task<bool> UpdateAsync(TenantSession db, Guid id, int version, ParticipantRequest r, CancellationToken ct)
    {
        var i = r.Identity!;
        var updated = await db.ExecuteAsync("""
            UPDATE participants SET sex = @Sex, birth_year = @birthYear, departement = @Departement, qpv_resident = @QpvResident,
                                    education_level = @EducationLevel
             WHERE id = @id AND version = @version AND anonymised_at IS NULL
            """, new { id, version, r.Sex, birthYear = i.BirthDate!.Value.Year, r.Departement, r.QpvResident, r.EducationLevel }, ct);
        if (updated == 0) return false;
        await db.ExecuteAsync("""
            UPDATE participant_identities
               SET last_name = @LastName, first_name = @FirstName, birth_date = @BirthDate, email = @Email, phone = @Phone,
                   address = @Address, postcode = @Postcode, city = @City, france_travail_id = @FranceTravailId, updated_at = now()
             WHERE participant_id = @id
            """, Identity(i, new { id }), ct);
        return true;
    }

    private static Dictionary<string, object?> Identity(IdentityRequest i, object extra)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var args = new Dictionary<string, object?>
        {
            ["LastName"] = i.LastName!.Trim(), ["FirstName"] = i.FirstName!.Trim(), ["BirthDate"] = i.BirthDate,
            ["Email"] = Blank(i.Email), ["Phone"] = Blank(i.Phone), ["Address"] = Blank(i.Address), ["Postcode"] = Blank(i.Postcode),
            ["City"] = Blank(i.City), ["FranceTravailId"] = Blank(i.FranceTravailId),
        };
        foreach (var p in extra.GetType().GetProperties()) args[p.Name] = p.GetValue(extra);
        return args;
    }
}
