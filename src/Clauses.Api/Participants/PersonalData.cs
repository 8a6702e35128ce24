using Dapper;
using Npgsql;

namespace Clauses.Api.Participants;

/// <summary>
/// GDPR storage limitation (art. 5-1-e): a participant's identity is removed once their organisation's
/// retention period has passed since their last activity. What remains (sex, birth year, criteria,
/// hours) keeps the indicators and the proof of the contractor's hours, without a name.
/// </summary>
public static class PersonalData
{
    private const string AnonymiseSql = """
        WITH target AS (
          SELECT p.id FROM participants p
           WHERE p.id = ANY (@ids) AND p.anonymised_at IS NULL),
        identities AS (DELETE FROM participant_identities i USING target t WHERE i.participant_id = t.id),
        evidence AS (UPDATE eligibility_validations e SET evidence_reference = NULL FROM target t WHERE e.participant_id = t.id)
        UPDATE participants p SET anonymised_at = now() FROM target t WHERE p.id = t.id
        RETURNING p.id
        """;

    /// <summary>Anonymises the given participants (identity deleted, evidence references cleared).</summary>
    public static async Task<int> AnonymiseAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid[] ids, CancellationToken ct) =>
        (await conn.QueryAsync<Guid>(new CommandDefinition(AnonymiseSql, new { ids }, tx, cancellationToken: ct))).Count();

    /// <summary>Participants past their organisation's retention period (optionally of one organisation).</summary>
    public static async Task<Guid[]> DueAsync(NpgsqlConnection conn, Guid? organisationId, DateOnly today, CancellationToken ct) =>
        (await conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT p.id FROM participants p JOIN organisations o ON o.id = p.organisation_id
             WHERE p.anonymised_at IS NULL AND (@organisationId::uuid IS NULL OR p.organisation_id = @organisationId)
               AND coalesce(p.last_activity_on, p.created_at::date) < (@today::date - make_interval(months => o.retention_months))::date
            """, new { organisationId, today }, cancellationToken: ct))).ToArray();

    /// <summary>Whether a participant's hours are in a validated statement: then the proof must be kept and erasure becomes anonymisation.
    /// Read through the person's organisation's contracts, which lead hour_records' key (migration 0019).</summary>
    public static Task<bool> HasValidatedHoursAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid participantId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (
              SELECT 1 FROM hour_records h
                JOIN hour_statements s ON s.contract_id = h.contract_id AND s.period = date_trunc('month', h.period)::date AND s.version = h.version
               WHERE h.contract_id IN (SELECT c.id FROM contracts c JOIN participants p ON p.organisation_id = c.organisation_id
                                        WHERE p.id = @participantId)
                 AND h.participant_id = @participantId AND s.status = 'valide')
            """, new { participantId }, tx, cancellationToken: ct));
}

/// <summary>Runs the retention anonymisation once a day, for every organisation.</summary>
public sealed class RetentionService(Data.SystemDb system, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), clock);
        do
        {
            try
            {
                await using var conn = await system.OpenAsync(stoppingToken);
                var due = await PersonalData.DueAsync(conn, null, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), stoppingToken);
                var done = await PersonalData.AnonymiseAsync(conn, null, due, stoppingToken);
                if (done > 0) logger.LogInformation("Retention: {Count} participant(s) anonymised", done);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Retention run failed; it will run again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
