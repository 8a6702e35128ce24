using System.Text.Json;
using System.Text.RegularExpressions;
using Clauses.Api.Data;
using Clauses.Api.Integrations.Graph;
using Dapper;
using Npgsql;

namespace Clauses.Api.Outbox;

/// <summary>Wakes the worker when this instance enqueues a mail.</summary>
public sealed class OutboxSignal : Infrastructure.WakeSignal;

/// <summary>The retry schedule (section "Outbox").</summary>
public sealed record OutboxOptions
{
    /// <summary>Rows claimed at once by one worker.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>How long a claimed row stays reserved to its worker; must outlast a batch of sends (BatchSize × Graph timeout).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Tries in all before a transient failure (5xx, timeout, reset) becomes final.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Tries in all while Graph keeps throttling (429) before giving up.</summary>
    public int MaxThrottledAttempts { get; init; } = 20;

    /// <summary>Back-off after the n-th transient failure: BaseDelay × 2^(n-1), capped at MaxDelay.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The shortest wait before a retry, whatever Retry-After says.</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public static OutboxOptions From(IConfiguration config)
    {
        var s = config.GetSection("Outbox");
        var d = new OutboxOptions();
        return new OutboxOptions
        {
            BatchSize = s.GetValue("BatchSize", d.BatchSize),
            Lease = s.GetValue("Lease", d.Lease),
            PollInterval = s.GetValue("PollInterval", d.PollInterval),
            MaxAttempts = s.GetValue("MaxAttempts", d.MaxAttempts),
            MaxThrottledAttempts = s.GetValue("MaxThrottledAttempts", d.MaxThrottledAttempts),
            BaseDelay = s.GetValue("BaseDelay", d.BaseDelay),
            MaxDelay = s.GetValue("MaxDelay", d.MaxDelay),
            MinDelay = s.GetValue("MinDelay", d.MinDelay),
        };
    }

    public TimeSpan BackOff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = BaseDelay * Math.Pow(2, exponent);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}

/// <summary>
/// Sends the outbox. Due rows are claimed with FOR UPDATE SKIP LOCKED and leased (locked_until) in one
/// statement, so several workers (instances) never take the same row; each claim counts an attempt. The
/// outcome is written back only if the row still carries this claim's attempt number (a fencing token),
/// so a worker whose lease ran out cannot overwrite a newer claim. Delivery is at least once: a crash
/// between Graph's 202 and the write-back sends that mail again once the lease expires.
/// </summary>
public sealed partial class OutboxWorker(SystemDb system, IMailSender sender, OutboxSignal signal, OutboxOptions options, TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private sealed record Claimed(long Id, Guid OrganisationId, string Kind, string Payload, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Outbox worker: database unavailable, retrying");
            }
            await signal.WaitAsync(options.PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims and sends every row due now, batch after batch; returns how many rows were handled (sent, rescheduled or failed).</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var handled = 0;
        while (true)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0) return handled;
            await using var conn = await system.OpenAsync(ct);
            for (var i = 0; i < batch.Count; i++)
            {
                SendResult result;
                try
                {
                    result = await SendAsync(batch[i], ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await ReleaseAsync(conn, batch.Skip(i));
                    throw;
                }
                await RecordAsync(conn, batch[i], result, ct);
                handled++;
            }
        }
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await system.OpenAsync(ct);
        var rows = await conn.QueryAsync<Claimed>(new CommandDefinition("""
            WITH due AS (
              SELECT id FROM outbox
               WHERE status = 'en_attente' AND available_at <= @now AND (locked_until IS NULL OR locked_until < @now)
               ORDER BY available_at, id
               FOR UPDATE SKIP LOCKED
               LIMIT @BatchSize)
            UPDATE outbox o SET locked_until = @leaseUntil, attempts = o.attempts + 1
              FROM due WHERE o.id = due.id
            RETURNING o.id AS Id, o.organisation_id AS OrganisationId, o.kind AS Kind, o.payload::text AS Payload, o.attempts AS Attempts
            """, new { now, leaseUntil = now + options.Lease, options.BatchSize }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    private async Task<SendResult> SendAsync(Claimed row, CancellationToken ct)
    {
        OutgoingMail? mail;
        try
        {
            mail = JsonSerializer.Deserialize<OutgoingMail>(row.Payload, OutboxStore.Json);
        }
        catch (JsonException)
        {
            mail = null;
        }
        if (mail is null || string.IsNullOrWhiteSpace(mail.To) || mail.Subject is null)
            return SendResult.Permanent("Message illisible dans la file d'envoi (destinataire ou objet manquant).");
        try
        {
            return await sender.SendAsync(mail, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Outbox {OutboxId}: unexpected error while sending", row.Id);
            return SendResult.Transient("Erreur inattendue à l'envoi : " + e.GetType().Name);
        }
    }

    private async Task RecordAsync(NpgsqlConnection conn, Claimed row, SendResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        string status;
        DateTimeOffset? availableAt = null;
        string? error;
        switch (result)
        {
            case SendResult.SentResult:
                (status, error) = ("envoye", null);
                break;
            case SendResult.RetryAfterResult throttled when row.Attempts < options.MaxThrottledAttempts:
                var wait = throttled.Delay < options.MinDelay ? options.MinDelay : throttled.Delay;
                (status, availableAt, error) = ("en_attente", now + wait,
                    $"HTTP 429 : Microsoft Graph limite les envois, nouvel essai dans {Math.Ceiling(wait.TotalSeconds):0} s.");
                break;
            case SendResult.RetryAfterResult:
                (status, error) = ("echoue", $"HTTP 429 : toujours limité par Microsoft Graph après {row.Attempts} essais.");
                break;
            case SendResult.TransientResult transient when row.Attempts < options.MaxAttempts:
                var backOff = options.BackOff(row.Attempts);
                (status, availableAt, error) = ("en_attente", now + (backOff < options.MinDelay ? options.MinDelay : backOff), transient.Reason);
                break;
            case SendResult.TransientResult transient:
                (status, error) = ("echoue", $"Abandon après {row.Attempts} essais. Dernière erreur : {transient.Reason}");
                break;
            case SendResult.PermanentResult permanent:
                (status, error) = ("echoue", permanent.Reason);
                break;
            default:
                throw new InvalidOperationException("Unknown send result " + result);
        }
        error = error?.Length > 2000 ? error[..2000] : error;

        var updated = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox
               SET status = @status, locked_until = NULL, last_error = @error,
                   available_at = coalesce(@availableAt, available_at),
                   sent_at = CASE WHEN @status = 'envoye' THEN @now ELSE sent_at END
             WHERE id = @Id AND attempts = @Attempts AND status = 'en_attente'
            """, new { row.Id, row.Attempts, status, error, availableAt, now }, cancellationToken: ct));

        if (updated == 0)
            logger.LogWarning("Outbox {OutboxId}: claim lost before its outcome was written (lease too short?)", row.Id);
        else if (status == "echoue")
            logger.LogWarning("Outbox {OutboxId} ({Kind}) failed after {Attempts} attempt(s): {Error}", row.Id, row.Kind, row.Attempts, Redact(error));
        else if (status == "en_attente")
            logger.LogInformation("Outbox {OutboxId} ({Kind}) retried at {AvailableAt:o}: {Error}", row.Id, row.Kind, availableAt, Redact(error));
    }

    /// <summary>On shutdown, gives back the rows claimed but not sent (and their attempt), so another instance takes them at once.</summary>
    private async Task ReleaseAsync(NpgsqlConnection conn, IEnumerable<Claimed> rows)
    {
        foreach (var row in rows)
        {
            try
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "UPDATE outbox SET locked_until = NULL, attempts = attempts - 1 WHERE id = @Id AND attempts = @Attempts AND status = 'en_attente'",
                    row, cancellationToken: CancellationToken.None));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Outbox {OutboxId}: could not release the claim; the lease will expire", row.Id);
                return;
            }
        }
    }

    /// <summary>Graph's messages can quote the recipient: logs keep only the domain.</summary>
    private static string? Redact(string? text) => text is null ? null : EmailLocalPart().Replace(text, "***@");

    [GeneratedRegex(@"[^\s@<>""'(),;:]+@")]
    private static partial Regex EmailLocalPart();
}
