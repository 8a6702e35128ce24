using System.Data;
using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Hours.Workbooks;
using Clauses.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace Clauses.Api.Hours;

/// <summary>Wakes the worker when this instance enqueues an import.</summary>
public sealed class ImportQueue : Infrastructure.WakeSignal;

/// <summary>
/// Runs queued workbook imports. A job is claimed with FOR UPDATE SKIP LOCKED, so several instances
/// never run the same one; it runs with the rights of the facilitator who sent it (their memberships,
/// through TenantDb), and its progress is written on a separate connection for the client to poll.
/// </summary>
public sealed class ImportWorker(SystemDb system, TenantDb.Factory tenants, UserResolver users, ImportQueue queue, IConfiguration config,
    ILogger<ImportWorker> logger) : BackgroundService
{
    private sealed record Claimed(Guid Id, Guid CreatedBy, Guid ContractId);
    private sealed record Owner(string TenantId, string ObjectId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ClaimAsync(stoppingToken) is { } job)
                    if (await RunAsync(job, stoppingToken) >= ImportsApi.LargeFileBytes) Hosting.ReleaseMemory();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Import worker: database unavailable, retrying");
            }
            await queue.WaitAsync(TimeSpan.FromSeconds(10), stoppingToken);
        }
    }

    private async Task<Claimed?> ClaimAsync(CancellationToken ct)
    {
        await using var conn = await system.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Claimed>(new CommandDefinition("""
            UPDATE jobs SET status = 'en_cours', started_at = now(), attempts = attempts + 1, locked_until = now() + interval '30 minutes'
             WHERE id = (SELECT id FROM jobs
                          WHERE kind = 'import_heures' AND attempts < 3
                            AND (status = 'en_attente' OR (status = 'en_cours' AND locked_until < now()))
                          ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, created_by, (payload ->> 'contractId')::uuid AS contract_id
            """, cancellationToken: ct));
    }

    /// <summary>Runs the job; returns the size of its workbook (0 when it could not be read).</summary>
    private async Task<long> RunAsync(Claimed job, CancellationToken ct)
    {
        long size = 0;
        await using var progressConn = await system.OpenAsync(ct);
        async Task FinishAsync(string status, object? result, object? problem, byte[]? annotated)
        {
            await progressConn.ExecuteAsync(new CommandDefinition("""
                UPDATE jobs SET status = @status, result = @result::jsonb, error = @problem, finished_at = now(), locked_until = NULL WHERE id = @Id;
                UPDATE import_files SET annotated = @annotated WHERE job_id = @Id;
                """, new
                {
                    job.Id, status, result = result is null ? null : JsonSerializer.Serialize(result, Json),
                    problem = problem is null ? null : JsonSerializer.Serialize(problem, Json), annotated,
                }, cancellationToken: ct));
        }

        try
        {
            var owner = await progressConn.QuerySingleAsync<Owner>(new CommandDefinition(
                "SELECT tenant_id, object_id FROM users WHERE id = @CreatedBy", job, cancellationToken: ct));
            var user = await users.ResolveAsync(owner.TenantId, owner.ObjectId, ct)
                ?? throw new InvalidOperationException("The job's author no longer exists.");
            await using var workbook = await SpoolStoredAsync(progressConn, job.Id, ct);
            size = workbook.File.Length;

            await using var db = await tenants.BeginAsync(user, ct);
            if (await HoursApi.FacilitatedContractAsync(db, job.ContractId, user, ct) is null)
            {
                await FinishAsync("echoue", null, Simple(403, "Vous ne suivez plus ce marché comme facilitateur."), null);
                return size;
            }
            var outcome = await HoursImport.RunAsync(db, job.ContractId, workbook.File, ImportsApi.Limits(config), user.Id, workbook.Hash,
                rows => progressConn.Execute("UPDATE jobs SET progress = @rows WHERE id = @Id", new { rows, job.Id }), ct);
            if (outcome.Succeeded)
            {
                await db.CommitAsync(ct);
                await FinishAsync("termine", new ImportResult(outcome.Rows, outcome.Accepted, outcome.Replaced, outcome.Unchanged), null, null);
                return size;
            }
            var annotated = new MemoryStream();
            workbook.File.Position = 0;
            WorkbookAnnotator.Annotate(workbook.File, annotated, outcome.Errors);
            await FinishAsync("echoue", null, HoursImport.Problem(outcome), annotated.ToArray());
        }
        catch (WorkbookRejectedException e)
        {
            await FinishAsync("echoue", null, Simple(e.Status, e.Message), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import job {JobId} failed", job.Id);
            await FinishAsync("echoue", null, Simple(500, "L'import a échoué sur une erreur inattendue ; elle a été journalisée. Réessayez plus tard."), null);
        }
        return size;
    }

    /// <summary>The job's workbook copied from its row to a temporary file, streamed (the row is not read into memory whole:
    /// 32 MB for a million rows, twice over while Npgsql buffered it), with its hash.</summary>
    private static async Task<SpooledUpload> SpoolStoredAsync(NpgsqlConnection conn, Guid jobId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT file_hash, content FROM import_files WHERE job_id = @jobId", conn);
        command.Parameters.Add(new NpgsqlParameter<Guid>("jobId", jobId));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The job's workbook is missing.");
        var hash = reader.GetString(0);
        var file = SpooledUpload.NewFile();
        try
        {
            await using (var content = await reader.GetStreamAsync(1, ct))
                await content.CopyToAsync(file, ct);
            file.Position = 0;
            return new SpooledUpload(file, hash);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static object Simple(int status, string detail) => new
    {
        type = "urn:clauses:problem:" + (status >= 500 ? "erreur-interne" : "classeur-refuse"),
        title = status >= 500 ? "Erreur interne du serveur" : "Classeur refusé",
        status,
        detail,
    };
}
