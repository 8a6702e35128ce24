using System.Globalization;
using System.Text;
using Clauses.Api.Data;
using Clauses.Core.Eligibility;
using Npgsql;

namespace Clauses.Api.Hours;

/// <summary>
/// What checking a contract's hours needs, loaded once per import or batch (a few set queries) so that
/// each row is then checked in memory: the contract's lots and clauses, the organisation's participants
/// with their validations, first starts on each lot, and the statements of each month. The statements
/// are locked FOR SHARE, so a statement cannot be validated while hours are being written into it.
/// </summary>
public sealed class HoursContext
{
    // Index: the position in PostgreSQL's uuid order of the ids, so that sorting rows by indexes sorts them as the natural key does.
    public sealed record Lot(Guid Id, int Index, int Number, Guid? ClauseId, string[] Criteria, decimal? LabourShare, decimal? HourlyCost);
    public sealed record Person(Guid Id, int Index, long Number, DateOnly? BirthDate, EligibilityValidation[] Validations);
    public sealed record Statement(int Version, string Status);

    public Guid ContractId { get; private init; }
    public Guid OrganisationId { get; private init; }
    public DateOnly? ExecutionStart { get; private init; }
    public DateOnly? ExecutionEnd { get; private init; }
    public bool Pooled { get; private init; }
    public Dictionary<int, Lot> LotsByNumber { get; } = [];
    public Dictionary<long, Person> PeopleByNumber { get; } = [];
    public Dictionary<string, Person> PeopleByIdentity { get; } = new(StringComparer.Ordinal);
    /// <summary>Each person's first start on each lot (their first assignment), by lot and person index: a contract's
    /// people × lots pairs can number a hundred thousand.</summary>
    public PairMap<DateOnly> FirstStarts { get; private set; } = new(0, 0);
    public Dictionary<DateOnly, Statement> Statements { get; } = [];
    // The ids by Index: writes send each row's indexes, and the statement looks the ids up (HoursPipeline).
    public Guid[] LotIds { get; private set; } = [];
    public Guid?[] LotClauseIds { get; private set; } = [];
    public Guid[] PersonIds { get; private set; } = [];

    // Init-only rows (not positional) so Dapper converts date and array columns to these property types.
    private sealed record ContractRow { public Guid Id { get; init; } public Guid OrganisationId { get; init; } public DateOnly? StartsOn { get; init; } public DateOnly? EndsOn { get; init; } }
    private sealed record LotRow
    {
        public Guid Id { get; init; } public int Number { get; init; } public Guid? ClauseId { get; init; } public string[]? Criteria { get; init; }
        public decimal? LabourShare { get; init; } public decimal? HourlyCost { get; init; } public bool Pooled { get; init; }
    }
    private sealed record PersonRow { public Guid Id { get; init; } public long Number { get; init; } public string? LastName { get; init; } public string? FirstName { get; init; } public DateOnly? BirthDate { get; init; } }
    private sealed record ValidationRow { public Guid ParticipantId { get; init; } public string[] Criteria { get; init; } = []; public string Basis { get; init; } = ""; public DateOnly ValidatedOn { get; init; } public DateOnly ValidUntil { get; init; } }
    private sealed record StatementRow { public DateOnly Period { get; init; } public int Version { get; init; } public string Status { get; init; } = ""; }

    public static async Task<HoursContext?> LoadAsync(TenantSession db, Guid contractId, CancellationToken ct)
    {
        var contract = await db.QuerySingleOrDefaultAsync<ContractRow>(
            "SELECT id, organisation_id, starts_on, ends_on FROM contracts WHERE id = @contractId", new { contractId }, ct);
        if (contract is null) return null;

        // The clause a lot's hours count for: its execution clause, else an alternative clause or a marché d'insertion.
        var lots = (await db.QueryAsync<LotRow>("""
            SELECT DISTINCT ON (l.id) l.id, l.number, c.id AS clause_id, c.eligible_criteria AS criteria, c.labour_share, c.hourly_cost,
                   c.pooling_agreement_id IS NOT NULL AS pooled
              FROM lots l
              LEFT JOIN clauses c ON c.lot_id = l.id AND c.instrument IN ('clause_execution', 'clause_alternative', 'marche_insertion')
             WHERE l.contract_id = @contractId
             ORDER BY l.id, c.instrument <> 'clause_execution'
            """, new { contractId }, ct)).ToList();
        var people = await db.QueryAsync<PersonRow>("""
            SELECT p.id, p.number, i.last_name, i.first_name, i.birth_date
              FROM participants p LEFT JOIN participant_identities i ON i.participant_id = p.id
             WHERE p.organisation_id = @OrganisationId AND p.anonymised_at IS NULL
             ORDER BY p.id
            """, contract, ct);
        var validations = (await db.QueryAsync<ValidationRow>("""
            SELECT participant_id, criteria, basis, validated_on, valid_until FROM eligibility_validations WHERE organisation_id = @OrganisationId
            """, contract, ct)).ToLookup(v => v.ParticipantId);
        await db.ExecuteAsync("SELECT 1 FROM hour_statements WHERE contract_id = @contractId FOR SHARE", new { contractId }, ct);
        var statements = await db.QueryAsync<StatementRow>("""
            SELECT DISTINCT ON (period) period, version, status FROM hour_statements WHERE contract_id = @contractId ORDER BY period, version DESC
            """, new { contractId }, ct);

        var context = new HoursContext
        {
            ContractId = contract.Id, OrganisationId = contract.OrganisationId,
            ExecutionStart = contract.StartsOn, ExecutionEnd = contract.EndsOn, Pooled = lots.Any(l => l.Pooled),
        };
        var index = 0;
        foreach (var l in lots)
            context.LotsByNumber[l.Number] = new Lot(l.Id, index++, l.Number, l.ClauseId, l.Criteria ?? [], l.LabourShare, l.HourlyCost);
        var personIds = new List<Guid>();
        foreach (var p in people)
        {
            personIds.Add(p.Id);
            var person = new Person(p.Id, personIds.Count - 1, p.Number, p.BirthDate,
                validations[p.Id].Select(v => new EligibilityValidation(v.Criteria, v.Basis, v.ValidatedOn, v.ValidUntil)).ToArray());
            context.PeopleByNumber[p.Number] = person;
            if (p.LastName is not null && p.FirstName is not null && p.BirthDate is { } birth)
                context.PeopleByIdentity.TryAdd(IdentityKey(p.LastName, p.FirstName, birth), person);
        }
        context.PersonIds = personIds.ToArray();
        context.LotIds = lots.Select(l => l.Id).ToArray();
        context.LotClauseIds = lots.Select(l => l.ClauseId).ToArray();
        context.FirstStarts = new PairMap<DateOnly>(context.LotIds.Length, context.PersonIds.Length);
        await context.LoadFirstStartsAsync(db, ct);
        foreach (var s in statements) context.Statements[s.Period] = new Statement(s.Version, s.Status);
        return context;
    }

    /// <summary>A person and a lot as one integer (their two indexes), for the pipeline's caches.</summary>
    public static long PairKey(Person person, Lot lot) => ((long)person.Index << 32) | (uint)lot.Index;

    // Read row by row into the map: no object per assignment on the way.
    private async Task LoadFirstStartsAsync(TenantSession db, CancellationToken ct)
    {
        var people = new Dictionary<Guid, Person>(PeopleByNumber.Count);
        foreach (var person in PeopleByNumber.Values) people[person.Id] = person;
        var lots = LotsByNumber.Values.ToDictionary(l => l.Id);
        // The earliest start is kept here rather than grouped by PostgreSQL: a person has one or a few assignments per lot, and
        // grouping a contract's hundred thousand assignments took PostgreSQL ≈ 100–170 ms that every import waited for.
        await using var command = new NpgsqlCommand("""
            SELECT a.participant_id, a.lot_id, a.starts_on
              FROM assignments a JOIN lots l ON l.id = a.lot_id WHERE l.contract_id = @contractId
            """, db.Connection, db.Transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("contractId", ContractId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!people.TryGetValue(reader.GetGuid(0), out var person) || !lots.TryGetValue(reader.GetGuid(1), out var lot)) continue;
            var start = reader.GetFieldValue<DateOnly>(2);
            if (!FirstStarts.TryGetValue(lot.Index, person.Index, out var known) || start < known)
                FirstStarts.Set(lot.Index, person.Index, start);
        }
    }

    /// <summary>Names compared without case, accents, spaces or hyphens, with the birth date.</summary>
    public static string IdentityKey(string lastName, string firstName, DateOnly birthDate) =>
        Fold(lastName) + "|" + Fold(firstName) + "|" + birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Fold(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var ch in s.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark || !char.IsLetter(ch)) continue;
            builder.Append(char.ToLowerInvariant(ch));
        }
        return builder.ToString();
    }
}
