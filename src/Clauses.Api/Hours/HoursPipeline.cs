using System.Globalization;
using Clauses.Api.Data;
using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;
using Clauses.Core.Participants;
using Npgsql;
using NpgsqlTypes;

namespace Clauses.Api.Hours;

/// <summary>
/// The one way hours reach hour_records, for the pane's batches and for workbook imports. Rows are
/// checked in memory against the <see cref="HoursContext"/> with the Core rules (no query per row), then
/// merged by chunks with one set-based statement each: INSERT … SELECT unnest(arrays) ON CONFLICT
/// on the natural key, so re-sending replaces and never adds, and unchanged rows are not rewritten.
/// Atomic mode (files) merges nothing once an error is seen, and the caller rolls the transaction back.
/// Files take a faster path for the months whose statement this pipeline creates (<see cref="InsertFreshAsync"/>).
/// </summary>
public sealed class HoursPipeline(TenantSession db, HoursContext context, HoursPipeline.Options options)
{
    public sealed record Options(bool DryRun, bool Atomic, bool TrackRows, string Source, string? FileHash, Guid UserId,
        int ChunkSize = 20_000, int MaxErrors = 1_000);

    public sealed record RowError(int Row, FieldError Error);

    public int Accepted { get; private set; }
    public int Replaced { get; private set; }
    public int Unchanged { get; private set; }
    public int Rejected { get; private set; }
    public int Processed { get; private set; }
    public List<RowError> Errors { get; } = [];
    public List<RowOutcome> Outcomes { get; } = [];
    public bool HasErrors => Rejected > 0 || _stopped;

    private bool _stopped;

    /// <summary>Atomic mode: something else failed the file (an unreadable cell), so nothing more is written.</summary>
    public void StopWriting() => _stopped = true;

    // Files (no per-row outcome, not a dry run) check the next chunk while the last one is written: the reader and
    // the checks keep one core busy while PostgreSQL works on the other.
    private bool ForFiles => !options.DryRun && !options.TrackRows;
    // Chunks are taken when a row needs one, so a file holds two (the one written, the one filled), not three.
    private Chunk? _chunk;      // rows of months that already had a statement
    private Chunk? _fresh;      // rows of months that had none when checked
    private Chunk? _spare;
    private readonly Columns _columns = new(options.ChunkSize, context.PersonIds);
    private Task _writing = Task.CompletedTask;
    private bool _writesBegun;
    private volatile bool _freshFailed;
    private readonly HashSet<DateOnly> _freshMonths = [];
    private readonly RowKeys _keys = new(context.PersonIds.Length);
    // Per-row lookups, each distinct value resolved once (bounded: a file's distinct texts are few, but need not be).
    private const int CacheLimit = 100_000;
    // Eligibility judged at the first start of each assigned person and lot.
    private readonly PairMap<(bool Eligible, DateOnly? ValidatedOn)> _judged = new(context.LotIds.Length, context.PersonIds.Length);
    private readonly Dictionary<(long Pair, int Day), (bool Eligible, DateOnly? ValidatedOn)> _eligibility = [];
    private readonly Dictionary<string, string?> _sirets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HoursContext.Person?> _byReference = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _newMonths = [];
    private readonly Dictionary<string, Guid?> _siaeBySiret = new(StringComparer.Ordinal);

    public async Task AddAsync(HourInput input, CancellationToken ct)
    {
        Processed++;
        var errors = Check(input, out var row);
        if (errors is not null)
        {
            Rejected++;
            foreach (var e in errors)
                if (Errors.Count < options.MaxErrors) Errors.Add(new RowError(input.Row, e));
            if (options.TrackRows) Outcomes.Add(new RowOutcome(input.Row, RowOutcome.Rejected, errors));
            return;
        }
        var month = new DateOnly(row.Period.Year, row.Period.Month, 1);
        var fresh = ForFiles && (_freshMonths.Contains(month) || !context.Statements.ContainsKey(month));
        var chunk = fresh ? _fresh ??= TakeChunk() : _chunk ??= TakeChunk();
        chunk.Add(row);
        if (chunk.Count >= options.ChunkSize) await FlushAsync(fresh, ct);
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(fresh: true, ct);
        await FlushAsync(fresh: false, ct);
        await _writing;
        if (ForFiles && _writesBegun && !(options.Atomic && HasErrors))
            await db.ExecuteAsync("SELECT flush_deferred_hour_rollups()", null, ct);
        if (options.TrackRows) Outcomes.Sort((a, b) => a.Row.CompareTo(b.Row));
    }

    private async Task FlushAsync(bool fresh, CancellationToken ct)
    {
        var chunk = fresh ? _fresh : _chunk;
        if (chunk is null || chunk.Count == 0) return;
        // Files write their chunks in the natural key's order (a few runs of the key, not rows all over it); sorted before
        // waiting for the previous write, as PostgreSQL waits from the end of one write until the next statement has arrived.
        if (ForFiles) chunk.SortByNaturalKey();
        await _writing;     // one statement at a time on the connection; its errors surface here
        if (options.Atomic && HasErrors)
        {
            chunk.Clear();     // the file will not be applied: no need to write more
            return;
        }
        if (options.DryRun)
        {
            await CompareAsync(chunk, ct);
            chunk.Clear();
            return;
        }
        if (!_writesBegun)
        {
            // Writers of one organisation's hours take turns: the SPAR roll-ups add every write to the organisation's
            // per-person totals, and two transactions adding to the same people in different orders would deadlock.
            await db.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('hours:' || @OrganisationId, 0))",
                new { context.OrganisationId }, ct);
            // Files: sorting a chunk and the triggers' hash aggregates over it stay in memory instead of spilling to disk,
            // and the SPAR roll-ups are computed once for the whole file (migration 0013), in CompleteAsync.
            if (ForFiles)
                await db.ExecuteAsync("SET LOCAL work_mem = '64MB'; SELECT begin_deferred_hour_rollups();", null, ct);
            _writesBegun = true;
        }
        await KnowSiaeAsync(chunk, ct);
        await CreateStatementsAsync(ct);
        var write = fresh && !_freshFailed && InFreshMonths(chunk) ? InsertFreshAsync(chunk, ct) : MergeAsync(chunk, ct);
        if (!ForFiles)
        {
            await write;
            chunk.Clear();
            return;
        }
        if (fresh) _fresh = null;
        else _chunk = null;
        _writing = RecycleAfter(write, chunk);
    }

    /// <summary>Waits for a write still running, its failure ignored: for callers leaving early (a rejected workbook)
    /// before they roll the transaction back, so no statement is left running on the connection.</summary>
    public async Task DrainAsync()
    {
        try
        {
            await _writing;
        }
        catch (Exception e) when (e is PostgresException or NpgsqlException or OperationCanceledException)
        {
            // The transaction is rolled back by the caller; CompleteAsync would have reported this error.
        }
    }

    private Chunk TakeChunk()
    {
        var chunk = _spare ?? new Chunk(options.ChunkSize);
        _spare = null;
        return chunk;
    }

    private async Task RecycleAfter(Task write, Chunk chunk)
    {
        await write;
        chunk.Clear();
        _spare = chunk;
    }

    private bool InFreshMonths(Chunk chunk)
    {
        for (var i = 0; i < chunk.Count; i++)
            if (!_freshMonths.Contains(new DateOnly(chunk.Rows[i].Period.Year, chunk.Rows[i].Period.Month, 1))) return false;
        return true;
    }

    /// <summary>Which of the chunk's employers are structures of the inclusive directory (a file names a few employers, each
    /// looked up once): their rows are recorded as done by that structure (siae_id, the dashboard's hours per structure).</summary>
    private async Task KnowSiaeAsync(Chunk chunk, CancellationToken ct)
    {
        List<string>? unknown = null;
        for (var i = 0; i < chunk.Count; i++)
        {
            var siret = chunk.Rows[i].Siret;
            if (_siaeBySiret.TryAdd(siret, null)) (unknown ??= []).Add(siret);
        }
        if (unknown is null) return;
        foreach (var (siret, id) in await db.QueryAsync<(string Siret, Guid Id)>(
                     "SELECT siret, id FROM siae WHERE siret = ANY (@sirets::bpchar[])", new { sirets = unknown.ToArray() }, ct))
            _siaeBySiret[siret] = id;
    }

    /// <summary>Rows of months whose statement this pipeline created: no row of theirs can exist yet (rows live under a
    /// statement, and a concurrent import waits on the statement's key, then sees it), so they are inserted without ON
    /// CONFLICT's speculative insertion, in the natural key's order (sorted by <see cref="FlushAsync"/>). A duplicate met
    /// anyway (rows stored under no statement) rolls back to the savepoint and merges the chunk instead.</summary>
    private async Task InsertFreshAsync(Chunk chunk, CancellationToken ct)
    {
        // The savepoint, the rows and the release in one round trip; after an error PostgreSQL skips the release.
        await using var batch = new NpgsqlBatch(db.Connection, db.Transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT fresh_rows"));
        var insert = new NpgsqlBatchCommand(InsertRows);
        AddParameters(insert.Parameters, chunk);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT fresh_rows"));
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
            Accepted += chunk.Count;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await db.Transaction.RollbackAsync("fresh_rows", ct);
            _freshFailed = true;
            await MergeAsync(chunk, ct);
        }
    }

    // ---- checks -------------------------------------------------------------------------------

    private List<FieldError>? Check(in HourInput r, out Row row)
    {
        row = default;
        List<FieldError>? errors = null;
        void Fail(string field, string message) => (errors ??= []).Add(new FieldError(field, message));

        HoursContext.Lot? lot = null;
        if (r.LotNumber is not { } number) Fail("lotNumber", "Le numéro de lot est obligatoire.");
        else if (!context.LotsByNumber.TryGetValue(number, out lot))
            Fail("lotNumber", string.Create(CultureInfo.InvariantCulture, $"Le lot n° {number} n'existe pas dans ce marché."));

        var person = FindPerson(r);
        if (person is null)
            Fail("participantReference", r.ParticipantReference is { Length: > 0 } || r.LastName is { Length: > 0 }
                ? $"Participant inconnu : « {Describe(r)} » (vérifiez la référence, ou le nom, le prénom et la date de naissance)."
                : "Le participant est obligatoire (référence P-…, ou nom, prénom et date de naissance).");

        var siret = ValidSiret(r.EmployerSiret);
        if (siret is null) Fail("employerSiret", "Le SIRET de l'employeur doit compter 14 chiffres et être valide.");
        if (!Modality.Terms.IsKnown(r.Modality))
            Fail("modality", r.Modality is null ? "La modalité est obligatoire." : $"Modalité inconnue : « {r.Modality} ».");
        if (r.Period is null) Fail("period", "La période est obligatoire.");
        if (r.EvidenceReference is { } evidence)
        {
            if (evidence.Length > 200) Fail("evidenceReference", "Le justificatif ne doit pas dépasser 200 caractères.");
            else if (evidence.Length > 0 && evidence[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
                Fail("evidenceReference", $"Texte refusé : il commence par « {evidence[0]} », ce qui ferait une formule dans un tableur.");
        }

        // R22: an SIAE purchase may be converted from its invoiced amount with the clause's own parameters.
        var hours = r.Hours;
        var method = CountingMethod.HeuresAttestees;
        if (hours is null && r.InvoicedAmountHt is { } amount && r.Modality is Modality.SousTraitanceSiae or Modality.CotraitanceSiae)
        {
            if (lot is { LabourShare: { } share, HourlyCost: { } cost } && amount >= 0)
            {
                hours = SiaeConversion.Hours(amount, share, cost);
                method = CountingMethod.ConversionMontant;
            }
            else Fail("invoicedAmountHt", "Le montant ne peut pas être converti en heures : la clause du lot n'a pas de part de main-d'œuvre et de coût horaire.");
        }
        else if (hours is null) Fail("hours", "Le nombre d'heures est obligatoire.");

        if (errors is not null || lot is null || person is null) return errors;

        var kind = r.PeriodKind ?? PeriodKind.Mois;
        var period = r.Period!.Value;
        var eligibility = Eligibility(person, lot, period);
        var facts = new HourRecordFacts(hours!.Value, kind, period, r.Modality!, method,
            method == CountingMethod.ConversionMontant ? r.InvoicedAmountHt : null, context.ExecutionStart, context.ExecutionEnd,
            lot.ClauseId is not null, context.Pooled, eligibility.ValidatedOn, eligibility.Eligible);
        var problem = HourRecordRules.Check(facts);
        if (problem != HourRecordProblem.None)
        {
            Fail(FieldOf(problem), HourRecordRules.Message(problem, facts));
            return errors;
        }

        var month = new DateOnly(period.Year, period.Month, 1);
        int version;
        if (context.Statements.TryGetValue(month, out var statement))
        {
            if (statement.Status == "valide")
            {
                Fail("period", $"Le relevé de {month.ToString("MMMM yyyy", French)} est validé : ses heures sont verrouillées (ouvrez une correction).");
                return errors;
            }
            version = statement.Version;
        }
        else
        {
            version = 1;
            _newMonths.Add(month);
        }

        // One row per lot, person, period and modality in a file or batch (R-duplicate).
        var modality = (byte)ModalityIndex[r.Modality!];
        var kindIndex = (byte)PeriodKindIndex[kind];
        if (!_keys.Add(lot.Index, period, modality, kindIndex, person.Index))
        {
            Fail("participantReference", "Ligne en double : même lot, participant, période et modalité qu'une ligne précédente.");
            return errors;
        }

        row = new Row(r.Row, lot, person, siret!, modality, period, kindIndex, version, decimal.ToInt32(hours.Value * 100),
            (byte)MethodIndex[method],
            r.InvoicedAmountHt, string.IsNullOrWhiteSpace(r.EvidenceReference) ? null : r.EvidenceReference.Trim());
        return null;
    }

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly string[] ModalityCodes = Modality.Terms.Codes.ToArray();
    private static readonly string[] PeriodKindCodes = PeriodKind.Terms.Codes.ToArray();
    private static readonly string[] MethodCodes = [CountingMethod.HeuresAttestees, CountingMethod.ConversionMontant];
    private static readonly Dictionary<string, int> ModalityIndex = ModalityCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
    private static readonly Dictionary<string, int> PeriodKindIndex = PeriodKindCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
    private static readonly Dictionary<string, int> MethodIndex = MethodCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

    private static string FieldOf(HourRecordProblem problem) => HourRecordRules.Field(problem) switch
    {
        "participant" => "participantReference",
        "lot" => "lotNumber",
        var field => field,
    };

    /// <summary>Eligibility is judged at the person's first start on the lot (their first assignment), else at the period
    /// itself. Judged once per person and lot (rows repeat the same pairs month after month), or per period without assignment.</summary>
    private (bool Eligible, DateOnly? ValidatedOn) Eligibility(HoursContext.Person person, HoursContext.Lot lot, DateOnly period)
    {
        if (_judged.TryGetValue(lot.Index, person.Index, out var atFirstStart)) return atFirstStart;
        if (context.FirstStarts.TryGetValue(lot.Index, person.Index, out var first))
        {
            atFirstStart = Evaluate(person, lot, first);
            _judged.Set(lot.Index, person.Index, atFirstStart);
            return atFirstStart;
        }
        // No assignment: judged at the period, once per person, lot and period.
        var key = (HoursContext.PairKey(person, lot), period.DayNumber);
        if (_eligibility.TryGetValue(key, out var known)) return known;
        return _eligibility[key] = Evaluate(person, lot, period);
    }

    private static (bool Eligible, DateOnly? ValidatedOn) Evaluate(HoursContext.Person person, HoursContext.Lot lot, DateOnly start)
    {
        var result = EligibilityRules.Evaluate(new EligibilityInput(person.BirthDate, start, person.Validations, lot.Criteria));
        // Hours before the first validation do not count (R16); with no validation at all the record is refused.
        var validatedOn = result.Validation?.ValidatedOn ?? person.Validations.Select(v => (DateOnly?)v.ValidatedOn).Min();
        return (result.Eligible, validatedOn);
    }

    /// <summary>The SIRET without spaces when it is valid, else null; each distinct cell text checked once.</summary>
    private string? ValidSiret(string? text)
    {
        if (text is null) return null;
        if (_sirets.TryGetValue(text, out var known)) return known;
        var siret = Siret.Normalize(text);
        if (!Siret.IsValid(siret)) siret = null;
        if (_sirets.Count < CacheLimit) _sirets[text] = siret;
        return siret;
    }

    private HoursContext.Person? FindPerson(in HourInput r)
    {
        if (r.ParticipantReference is { } reference)
        {
            if (!_byReference.TryGetValue(reference, out var byNumber))
            {
                byNumber = ParticipantRules.ParseReference(reference) is { } number
                    && context.PeopleByNumber.TryGetValue(number, out var found) ? found : null;
                if (_byReference.Count < CacheLimit) _byReference[reference] = byNumber;
            }
            if (byNumber is not null) return byNumber;
        }
        if (r.LastName is { Length: > 0 } last && r.FirstName is { Length: > 0 } first && r.BirthDate is { } birth
            && context.PeopleByIdentity.TryGetValue(HoursContext.IdentityKey(last, first, birth), out var byIdentity)) return byIdentity;
        return null;
    }

    private static string Describe(in HourInput r) =>
        r.ParticipantReference is { Length: > 0 } reference ? reference
        : $"{r.LastName} {r.FirstName}{(r.BirthDate is { } b ? " né(e) le " + b.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "")}".Trim();

    // ---- writes -------------------------------------------------------------------------------

    private async Task CreateStatementsAsync(CancellationToken ct)
    {
        if (_newMonths.Count == 0) return;
        var months = _newMonths.ToArray();
        var created = await db.QueryAsync<DateOnly>("""
            INSERT INTO hour_statements (organisation_id, contract_id, period, version)
            SELECT @OrganisationId, @ContractId, m, 1 FROM unnest(@months) AS m
            ON CONFLICT (contract_id, period, version) DO NOTHING
            RETURNING period
            """, new { context.OrganisationId, context.ContractId, months }, ct);
        if (ForFiles) _freshMonths.UnionWith(created);
        foreach (var month in months) context.Statements[month] = new HoursContext.Statement(1, "brouillon");
        _newMonths.Clear();
    }

    // The arrays are unnested in the select list, in step (they have one length): there unnest hands over one value per call,
    // whereas unnest(a, b, …) in FROM first copies every row into a tuplestore: 12 ms instead of 60 per 50 000 rows, ≈ 1.5 s
    // of PostgreSQL CPU per million imported rows (bench/RESULTS.md, fifth run).
    // Rows name their lot, person, modality, period kind and counting method by position (1-based) in small arrays of the
    // values, and their hours in hundredths: PostgreSQL waits while a chunk's parameters are encoded and sent, and an array
    // of 20 000 decimals takes 11.6 ms to encode against 1 ms for integers, 20 000 uuids or texts 2 ms each (sixth run).
    private const string Input = """
        (SELECT (@lotIds)[l] AS lot_id, (@lotClauseIds)[l] AS clause_id, (@personIds)[p] AS participant_id, employer_siret,
                (@modalityCodes)[m] AS modality, period, (@kindCodes)[k] AS period_kind, version, centi * 0.01 AS hours,
                (@methodCodes)[c] AS counting_method, invoiced_amount_ht, evidence_reference, siae_id
           FROM (SELECT unnest(@lots) AS l, unnest(@people) AS p, unnest(@sirets) AS employer_siret, unnest(@modalities) AS m,
                        unnest(@periods) AS period, unnest(@kinds) AS k, unnest(@versions) AS version, unnest(@hours) AS centi,
                        unnest(@methods) AS c, unnest(@amounts) AS invoiced_amount_ht, unnest(@evidence) AS evidence_reference,
                        unnest(@siaes) AS siae_id) AS u) AS t
        """;

    /// <summary>The chunk's rows as hour_records rows, the same for both write paths.</summary>
    private const string InsertRows = $"""
        INSERT INTO hour_records (organisation_id, contract_id, lot_id, clause_id, participant_id, employer_siret, siae_id, modality,
                                  period, period_kind, version, hours, counting_method, invoiced_amount_ht, evidence_reference,
                                  source, file_hash, declared_by)
        SELECT @organisation, @contract, lot_id, clause_id, participant_id, employer_siret, siae_id, modality, period, period_kind,
               version, hours, counting_method, invoiced_amount_ht, evidence_reference, @source, @hash, @user
          FROM {Input}
        """;

    private const string Merge = $"""
        {InsertRows}
        ON CONFLICT ON CONSTRAINT hour_records_natural_key DO UPDATE
           SET hours = excluded.hours, employer_siret = excluded.employer_siret, siae_id = excluded.siae_id, period_kind = excluded.period_kind,
               counting_method = excluded.counting_method, invoiced_amount_ht = excluded.invoiced_amount_ht,
               evidence_reference = excluded.evidence_reference, clause_id = excluded.clause_id, source = excluded.source,
               file_hash = excluded.file_hash, declared_by = excluded.declared_by, updated_at = now()
         WHERE (hour_records.hours, hour_records.employer_siret, hour_records.period_kind, hour_records.counting_method,
                hour_records.invoiced_amount_ht, hour_records.evidence_reference)
               IS DISTINCT FROM
               (excluded.hours, excluded.employer_siret, excluded.period_kind, excluded.counting_method,
                excluded.invoiced_amount_ht, excluded.evidence_reference)
        RETURNING lot_id, participant_id, period, modality, (xmax = 0) AS inserted
        """;

    private async Task MergeAsync(Chunk chunk, CancellationToken ct)
    {
        if (!options.TrackRows)
        {
            // Files: only the counts come back, not 20 000 keys per chunk.
            await using var count = Command(chunk, $"WITH m AS ({Merge}) SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM m");
            await using var totals = await count.ExecuteReaderAsync(ct);
            await totals.ReadAsync(ct);
            var inserted = (int)totals.GetInt64(0);
            var updated = (int)totals.GetInt64(1);
            Accepted += inserted;
            Replaced += updated;
            Unchanged += chunk.Count - inserted - updated;
            return;
        }

        var written = new Dictionary<(Guid, Guid, DateOnly, string), bool>();
        await using (var command = Command(chunk, Merge))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                written[(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3))] = reader.GetBoolean(4);
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk.Rows[i];
            var status = written.TryGetValue((row.Lot.Id, row.Person.Id, row.Period, row.ModalityCode), out var inserted)
                ? inserted ? RowOutcome.Accepted : RowOutcome.Replaced
                : RowOutcome.Unchanged;
            Count(status);
            Outcomes.Add(new RowOutcome(row.Number, status, []));
        }
    }

    /// <summary>Dry run: what sending would do, from the rows already stored.</summary>
    private async Task CompareAsync(Chunk chunk, CancellationToken ct)
    {
        var existing = new Dictionary<int, (decimal Hours, string Siret, string Kind, string Method, decimal? Amount, string? Evidence)>();
        await using (var command = Command(chunk, $"""
            SELECT t.i::int, h.hours, h.employer_siret, h.period_kind, h.counting_method, h.invoiced_amount_ht, h.evidence_reference
              FROM unnest(@lots, @people, @periods, @modalities, @versions) WITH ORDINALITY AS t(l, p, period, m, version, i)
              JOIN hour_records h ON h.contract_id = @contract AND h.period = t.period AND h.lot_id = (@lotIds)[t.l]
                                 AND h.participant_id = (@personIds)[t.p]
                                 AND h.modality = (@modalityCodes)[t.m] AND h.version = t.version
            """))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                existing[reader.GetInt32(0) - 1] = (reader.GetDecimal(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk.Rows[i];
            var status = !existing.TryGetValue(i, out var e) ? RowOutcome.Accepted
                : e == (row.Hours, row.Siret, row.KindCode, row.MethodCode, row.Amount, row.Evidence) ? RowOutcome.Unchanged
                : RowOutcome.Replaced;
            Count(status);
            if (options.TrackRows) Outcomes.Add(new RowOutcome(row.Number, status, []));
        }
    }

    private void Count(string status)
    {
        if (status == RowOutcome.Accepted) Accepted++;
        else if (status == RowOutcome.Replaced) Replaced++;
        else Unchanged++;
    }

    private NpgsqlCommand Command(Chunk chunk, string sql)
    {
        var command = new NpgsqlCommand(sql, db.Connection, db.Transaction);
        AddParameters(command.Parameters, chunk);
        return command;
    }

    private void AddParameters(NpgsqlParameterCollection p, Chunk chunk)
    {
        var c = _columns;
        c.Fill(chunk, _siaeBySiret);
        var count = chunk.Count;
        p.Add(new NpgsqlParameter<int[]>("lots", Filled(c.Lots, count)));
        p.Add(new NpgsqlParameter<int[]>("people", Filled(c.People, count)));
        p.Add(new NpgsqlParameter<string[]>("sirets", Filled(c.Sirets, count)));
        p.Add(new NpgsqlParameter<int[]>("modalities", Filled(c.Modalities, count)));
        p.Add(new NpgsqlParameter<DateOnly[]>("periods", Filled(c.Periods, count)));
        p.Add(new NpgsqlParameter<int[]>("kinds", Filled(c.Kinds, count)));
        p.Add(new NpgsqlParameter<int[]>("versions", Filled(c.Versions, count)));
        p.Add(new NpgsqlParameter<int[]>("hours", Filled(c.Hundredths, count)));
        p.Add(new NpgsqlParameter<int[]>("methods", Filled(c.Methods, count)));
        p.Add(new NpgsqlParameter<decimal?[]>("amounts", Filled(c.Amounts, count)));
        p.Add(new NpgsqlParameter<string?[]>("evidence", Filled(c.Evidence, count)));
        p.Add(new NpgsqlParameter<Guid?[]>("siaes", Filled(c.Siaes, count)));
        p.Add(new NpgsqlParameter<Guid[]>("lotIds", context.LotIds));
        p.Add(new NpgsqlParameter<Guid?[]>("lotClauseIds", context.LotClauseIds));
        p.Add(new NpgsqlParameter<List<Guid>>("personIds", c.PersonIds));
        p.Add(new NpgsqlParameter<string[]>("modalityCodes", ModalityCodes));
        p.Add(new NpgsqlParameter<string[]>("kindCodes", PeriodKindCodes));
        p.Add(new NpgsqlParameter<string[]>("methodCodes", MethodCodes));
        p.Add(new NpgsqlParameter<Guid>("organisation", context.OrganisationId));
        p.Add(new NpgsqlParameter<Guid>("contract", context.ContractId));
        p.Add(new NpgsqlParameter<string>("source", options.Source));
        p.Add(new NpgsqlParameter("hash", NpgsqlDbType.Bytea) { Value = options.FileHash is { } hex ? Convert.FromHexString(hex) : DBNull.Value });
        p.Add(new NpgsqlParameter<Guid>("user", options.UserId));
    }

    /// <summary>The column as sent: the array itself when the chunk is full (every chunk but the last), not a copy: a copy
    /// of a 20 000-row column lands on the large object heap, once per column and chunk, and lingers until a full collection.</summary>
    private static T[] Filled<T>(T[] column, int count) => count == column.Length ? column : column[..count];

    /// <summary>A checked row, as the chunk holds it until written (80 bytes): modality, period kind and counting method by their
    /// position in <see cref="ModalityCodes"/>, <see cref="PeriodKindCodes"/> and <see cref="MethodCodes"/>, hours in hundredths
    /// (at most two decimals, HourRecordRules).</summary>
    private readonly record struct Row(int Number, HoursContext.Lot Lot, HoursContext.Person Person, string Siret, byte Modality,
        DateOnly Period, byte Kind, int Version, int Hundredths, byte Method, decimal? Amount, string? Evidence)
    {
        public string ModalityCode => ModalityCodes[Modality];
        public string KindCode => PeriodKindCodes[Kind];
        public string MethodCode => MethodCodes[Method];
        public decimal Hours => Hundredths / 100m;
    }

    /// <summary>The rows of one chunk; reused between chunks.</summary>
    private sealed class Chunk(int capacity)
    {
        public readonly Row[] Rows = new Row[capacity];
        private readonly ulong[] _sortKeys = new ulong[capacity];
        public int Count { get; private set; }

        public void Add(Row r) => Rows[Count++] = r;

        /// <summary>Orders the rows by period, lot, participant and modality (the natural key after the pipeline's one contract;
        /// version is 1 in fresh months), on integers (lots and people are indexed in PostgreSQL's uuid order,
        /// <see cref="HoursContext"/>), which costs far less than PostgreSQL's sort of the wide rows. The order only matters for
        /// speed (a contract has at most 999 lots; people take 28 bits).</summary>
        public void SortByNaturalKey()
        {
            for (var i = 0; i < Count; i++)
            {
                var r = Rows[i];
                _sortKeys[i] = ((ulong)(uint)r.Period.DayNumber << 42) | ((ulong)(r.Lot.Index & 0x3FF) << 32)
                               | ((ulong)(r.Person.Index & 0xFFFFFFF) << 4) | r.Modality;
            }
            Array.Sort(_sortKeys, Rows, 0, Count);
        }

        public void Clear() => Count = 0;
    }

    /// <summary>The statement parameters of the chunk being written, one column per array. One set serves every chunk: a single
    /// statement runs at a time on the connection, while up to two more chunks are being filled (memory, bench/RESULTS.md).</summary>
    private sealed class Columns(int capacity, Guid[] personIds)
    {
        // Positions in the statement's arrays of values (1-based, as PostgreSQL's arrays), and hours in hundredths.
        public readonly int[] Lots = new int[capacity], People = new int[capacity], Modalities = new int[capacity], Kinds = new int[capacity],
            Methods = new int[capacity], Versions = new int[capacity], Hundredths = new int[capacity];
        public readonly string[] Sirets = new string[capacity];
        public readonly DateOnly[] Periods = new DateOnly[capacity];
        public readonly decimal?[] Amounts = new decimal?[capacity];
        public readonly string?[] Evidence = new string?[capacity];
        public readonly Guid?[] Siaes = new Guid?[capacity];
        // The chunk's own people, in the order the rows first name them: a chunk sends the ids of the people it names, not its
        // organisation's whole list (which PostgreSQL would receive again with every chunk). A list, so that a chunk naming
        // fewer people than the last sends no copy.
        public readonly List<Guid> PersonIds = new(Math.Min(capacity, personIds.Length));
        private readonly int[] _position = new int[personIds.Length];
        private readonly int[] _filling = new int[personIds.Length];    // the fill in which _position was set
        private int _fill;

        public void Fill(Chunk chunk, Dictionary<string, Guid?> siaeBySiret)
        {
            _fill++;
            PersonIds.Clear();
            for (var i = 0; i < chunk.Count; i++)
            {
                var r = chunk.Rows[i];
                var person = r.Person.Index;
                if (_filling[person] != _fill)
                {
                    _filling[person] = _fill;
                    PersonIds.Add(personIds[person]);
                    _position[person] = PersonIds.Count;
                }
                Lots[i] = r.Lot.Index + 1;
                People[i] = _position[person];
                Sirets[i] = r.Siret;
                Modalities[i] = r.Modality + 1;
                Periods[i] = r.Period;
                Kinds[i] = r.Kind + 1;
                Versions[i] = r.Version;
                Hundredths[i] = r.Hundredths;
                Methods[i] = r.Method + 1;
                Amounts[i] = r.Amount;
                Evidence[i] = r.Evidence;
                Siaes[i] = siaeBySiret.GetValueOrDefault(r.Siret);
            }
        }
    }
}
