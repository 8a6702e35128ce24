using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Api.Integrations.Graph;
using Clauses.Api.Outbox;
using Clauses.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Clauses.Api.Tests.Outbox;

/// <summary>
/// The outbox worker against real PostgreSQL and a loopback Graph stand-in: each scenario scripts Graph's
/// answers and moves a fake clock instead of sleeping.
/// </summary>
public sealed class OutboxWorkerTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Mailbox = "clauses@collectivite.test";
    private readonly TestData _data = new(db);
    // Ahead of the database's now(), so rows enqueued with the default available_at are due for this clock.
    private readonly FakeClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()));
    private GraphStandIn _graph = null!;
    private Guid _org;

    private sealed record Row(string Status, int Attempts, DateTime AvailableAt, DateTime? SentAt, string? LastError, DateTime? LockedUntil);

    public async Task InitializeAsync()
    {
        await _data.ScalarAsync<int>("TRUNCATE outbox");
        _graph = await GraphStandIn.StartAsync();
        _org = await _data.OrganisationAsync("Ville de Test " + Guid.NewGuid().ToString("N")[..6]);
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private OutboxWorker Worker(int timeoutSeconds = 30, int batchSize = 20, OutboxOptions? options = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Migrations"] = db.OwnerConnectionString,
        }).Build();
        var sender = new GraphMailSender(new GraphOptions
        {
            TenantId = "t", ClientId = "c", ClientSecret = "s", Mailbox = Mailbox, BaseUrl = _graph.BaseUrl, TimeoutSeconds = timeoutSeconds,
        }, new FakeCredential(), _clock, NullLogger<GraphMailSender>.Instance);
        return new OutboxWorker(new SystemDb(config), sender, new OutboxSignal(), options ?? new OutboxOptions { BatchSize = batchSize }, _clock,
            NullLogger<OutboxWorker>.Instance);
    }

    private static OutgoingMail Mail(string to) => new(to,
        "Nouveau marché réservé : entretien des espaces verts",
        "<p>Bonjour,</p><p>Un marché réservé aux structures d'insertion vient d'être publié.</p>",
        "Bonjour,\nUn marché réservé aux structures d'insertion vient d'être publié.");

    private async Task<bool> EnqueueAsync(string to, string? key = null, OutgoingMail? mail = null)
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        await conn.OpenAsync();
        return await OutboxStore.EnqueueAsync(conn, null, _org, "appel_offres_reserve", key ?? "test:" + to, mail ?? Mail(to), CancellationToken.None);
    }

    private async Task<Row> RowAsync(string to)
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        return await conn.QuerySingleAsync<Row>("""
            SELECT status AS Status, attempts AS Attempts, available_at AS AvailableAt, sent_at AS SentAt, last_error AS LastError,
                   locked_until AS LockedUntil
              FROM outbox WHERE payload ->> 'to' = @to
            """, new { to });
    }

    [Fact]
    public async Task Sends_one_mail_to_the_recipient_with_a_French_subject_and_a_bearer_token()
    {
        Assert.True(await EnqueueAsync("contact@siae-espaces-verts.fr"));

        Assert.Equal(1, await Worker().ProcessDueAsync(CancellationToken.None));

        var request = Assert.Single(_graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v1.0/users/{Mailbox}/sendMail", request.Path, ignoreCase: true);
        Assert.Equal("Bearer " + FakeCredential.Token, request.Authorization);
        // The SDK writes the action's parameters as "Message" and "SaveToSentItems" (Graph reads them case-insensitively).
        var body = JsonDocument.Parse(request.Body).RootElement;
        var message = Prop(body, "message");
        Assert.Equal("contact@siae-espaces-verts.fr",
            message.GetProperty("toRecipients")[0].GetProperty("emailAddress").GetProperty("address").GetString());
        Assert.Equal("Nouveau marché réservé : entretien des espaces verts", message.GetProperty("subject").GetString());
        Assert.Equal("html", message.GetProperty("body").GetProperty("contentType").GetString(), ignoreCase: true);
        Assert.Contains("structures d'insertion", message.GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(Prop(body, "saveToSentItems").GetBoolean());

        var row = await RowAsync("contact@siae-espaces-verts.fr");
        Assert.Equal("envoye", row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(Now, row.SentAt);
        Assert.Null(row.LockedUntil);
        Assert.Null(row.LastError);

        // Nothing left: a second run sends nothing.
        Assert.Equal(0, await Worker().ProcessDueAsync(CancellationToken.None));
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task Throttled_429_waits_for_Retry_After_then_sends()
    {
        _graph.Script(new GraphStandIn.Status(429, GraphStandIn.GraphError("TooManyRequests", "Application is over its MailboxConcurrency limit."), RetryAfter: "2"));
        await EnqueueAsync("a@siae-429.fr");
        var worker = Worker();

        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var waiting = await RowAsync("a@siae-429.fr");
        Assert.Equal("en_attente", waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(Now.AddSeconds(2), waiting.AvailableAt);
        Assert.Contains("429", waiting.LastError, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Single(_graph.Requests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var sent = await RowAsync("a@siae-429.fr");
        Assert.Equal("envoye", sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(Now, sent.SentAt);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_given_as_an_http_date_is_honoured()
    {
        var at = _clock.GetUtcNow().AddMinutes(2);
        _graph.Script(new GraphStandIn.Status(429, RetryAfter: at.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        await EnqueueAsync("b@siae-date.fr");

        await Worker().ProcessDueAsync(CancellationToken.None);

        var row = await RowAsync("b@siae-date.fr");
        Assert.Equal("en_attente", row.Status);
        Assert.Equal(at.UtcDateTime, row.AvailableAt);
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_then_the_mail_is_sent()
    {
        var unavailable = new GraphStandIn.Status(503, GraphStandIn.GraphError("ServiceUnavailable", "Service is temporarily unavailable."));
        _graph.Script(unavailable, unavailable, unavailable);
        await EnqueueAsync("c@siae-503.fr");
        var worker = Worker();

        foreach (var (attempt, backOff) in new[] { (1, 30), (2, 60), (3, 120) })
        {
            Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
            var row = await RowAsync("c@siae-503.fr");
            Assert.Equal("en_attente", row.Status);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(Now.AddSeconds(backOff), row.AvailableAt);
            Assert.StartsWith("HTTP 503 ServiceUnavailable", row.LastError, StringComparison.Ordinal);

            // Not before the back-off has elapsed.
            _clock.Advance(TimeSpan.FromSeconds(backOff - 1));
            Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
            Assert.Equal(attempt, _graph.Requests.Count);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var sent = await RowAsync("c@siae-503.fr");
        Assert.Equal("envoye", sent.Status);
        Assert.Equal(4, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Equal(4, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_is_retried_later_then_sent()
    {
        _graph.Script(new GraphStandIn.Slow(TimeSpan.FromSeconds(30)));
        await EnqueueAsync("d@siae-lente.fr");
        var worker = Worker(timeoutSeconds: 1);

        var started = DateTime.UtcNow;
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the client timeout did not cut the slow answer");
        var waiting = await RowAsync("d@siae-lente.fr");
        Assert.Equal("en_attente", waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(Now.AddSeconds(30), waiting.AvailableAt);
        Assert.Contains("Délai dépassé", waiting.LastError, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal("envoye", (await RowAsync("d@siae-lente.fr")).Status);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_connection_reset_is_retried_later_then_sent()
    {
        _graph.Script(new GraphStandIn.Reset());
        await EnqueueAsync("e@siae-reset.fr");
        var worker = Worker();

        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        var waiting = await RowAsync("e@siae-reset.fr");
        Assert.Equal("en_attente", waiting.Status);
        Assert.Contains("Connexion", waiting.LastError, StringComparison.Ordinal);
        Assert.Single(_graph.Requests);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal("envoye", (await RowAsync("e@siae-reset.fr")).Status);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task A_permanent_400_fails_at_once_keeps_Graphs_error_and_shows_in_the_status_view()
    {
        _graph.Script(new GraphStandIn.Status(400, GraphStandIn.GraphError("ErrorInvalidRecipients", "At least one recipient is not valid.")));
        await EnqueueAsync("f@siae-invalide.fr");
        await EnqueueAsync("g@siae-ok.fr");
        var worker = Worker();

        Assert.Equal(2, await worker.ProcessDueAsync(CancellationToken.None));
        var failed = await RowAsync("f@siae-invalide.fr");
        Assert.Equal("echoue", failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("HTTP 400 ErrorInvalidRecipients : At least one recipient is not valid.", failed.LastError);
        Assert.Null(failed.SentAt);

        // Never retried, whatever the time.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(2, _graph.Requests.Count);

        // The buyer's view: domain only, status, attempts, Graph's error.
        var buyer = await _data.UserAsync($"acheteur-{Guid.NewGuid():N}@ville.test", false, (_org, "acheteur"));
        var result = await ListAsync(buyer, "echoue");
        var page = Assert.IsType<Ok<PagedList<OutboxItem>>>(result).Value!;
        var item = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal("siae-invalide.fr", item.RecipientDomain);
        Assert.Equal("echoue", item.Status);
        Assert.Equal(1, item.Attempts);
        Assert.Equal("appel_offres_reserve", item.Kind);
        Assert.Equal(failed.LastError, item.LastError);
        Assert.Null(item.SentAt);

        var all = Assert.IsType<Ok<PagedList<OutboxItem>>>(await ListAsync(buyer, null)).Value!;
        Assert.Equal(2, all.Total);
        var sent = Assert.Single(all.Items, i => i.Status == "envoye");
        Assert.Equal("siae-ok.fr", sent.RecipientDomain);
        Assert.Equal(Now.AddDays(-1), sent.SentAt);
        Assert.DoesNotContain("g@", JsonSerializer.Serialize(all), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_view_is_for_the_organisations_buyers_and_admins_only()
    {
        await EnqueueAsync("h@siae-vue.fr");
        var admin = await _data.UserAsync($"admin-{Guid.NewGuid():N}@ville.test", false, (_org, "admin"));
        var facilitator = await _data.UserAsync($"fac-{Guid.NewGuid():N}@ville.test", false, (_org, "facilitateur"));
        var otherOrg = await _data.OrganisationAsync("Autre ville " + Guid.NewGuid().ToString("N")[..6]);
        var otherBuyer = await _data.UserAsync($"autre-{Guid.NewGuid():N}@ville.test", false, (otherOrg, "acheteur"));

        Assert.Single(Assert.IsType<Ok<PagedList<OutboxItem>>>(await ListAsync(admin, "en_attente")).Value!.Items);
        Assert.Equal(403, Assert.IsAssignableFrom<IStatusCodeHttpResult>(await ListAsync(facilitator, null)).StatusCode);
        Assert.Equal(403, Assert.IsAssignableFrom<IStatusCodeHttpResult>(await ListAsync(otherBuyer, null)).StatusCode);
        Assert.Equal(400, Assert.IsAssignableFrom<IStatusCodeHttpResult>(await ListAsync(admin, "parti")).StatusCode);

        // Row-level security as a second wall: even asked directly, another organisation's buyer sees nothing.
        await using var session = await Tenant(otherBuyer, otherOrg, "acheteur").BeginAsync(CancellationToken.None);
        var (items, total) = await OutboxStore.ListAsync(session, _org, null, 50, 0, CancellationToken.None);
        Assert.Empty(items);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task Gives_up_after_the_bound_and_keeps_the_last_error()
    {
        var options = new OutboxOptions { MaxAttempts = 4 };
        for (var i = 0; i < 10; i++) _graph.Script(new GraphStandIn.Status(502, GraphStandIn.GraphError("BadGateway", $"Passerelle {i + 1}")));
        await EnqueueAsync("i@siae-abandon.fr");
        var worker = Worker(options: options);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));
            Assert.Equal("en_attente", (await RowAsync("i@siae-abandon.fr")).Status);
            _clock.Advance(options.MaxDelay);
        }
        Assert.Equal(1, await worker.ProcessDueAsync(CancellationToken.None));

        var row = await RowAsync("i@siae-abandon.fr");
        Assert.Equal("echoue", row.Status);
        Assert.Equal(4, row.Attempts);
        Assert.Equal("Abandon après 4 essais. Dernière erreur : HTTP 502 BadGateway : Passerelle 4", row.LastError);
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, await worker.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(4, _graph.Requests.Count);
    }

    [Fact]
    public void Back_off_doubles_from_30_seconds_and_stops_at_one_hour()
    {
        var options = new OutboxOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), options.BackOff(1));
        Assert.Equal(TimeSpan.FromSeconds(60), options.BackOff(2));
        Assert.Equal(TimeSpan.FromSeconds(480), options.BackOff(5));
        Assert.Equal(TimeSpan.FromHours(1), options.BackOff(9));
        Assert.Equal(TimeSpan.FromHours(1), options.BackOff(40));
    }

    [Fact]
    public async Task Two_workers_over_the_same_outbox_send_each_of_50_mails_exactly_once()
    {
        var recipients = Enumerable.Range(1, 50).Select(i => $"siae{i:00}@structure{i:00}.fr").ToList();
        foreach (var to in recipients) await EnqueueAsync(to);
        var a = Worker(batchSize: 3);
        var b = Worker(batchSize: 3);

        var counts = await Task.WhenAll(
            Task.Run(() => a.ProcessDueAsync(CancellationToken.None)),
            Task.Run(() => b.ProcessDueAsync(CancellationToken.None)));

        Assert.Equal(50, counts.Sum());
        Assert.Equal(50, _graph.Requests.Count);
        var sentTo = _graph.Requests
            .Select(r => Recipient(r))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(recipients.Order(StringComparer.Ordinal), sentTo);
        Assert.Equal(50L, await _data.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE status = 'envoye' AND attempts = 1"));
    }

    [Fact]
    public async Task Enqueuing_twice_with_the_same_dedup_key_keeps_one_row_and_sends_one_mail()
    {
        Assert.True(await EnqueueAsync("j@siae-double.fr", key: "appel:42:siae:7"));
        Assert.False(await EnqueueAsync("j@siae-double.fr", key: "appel:42:siae:7",
            mail: Mail("j@siae-double.fr") with { Subject = "Autre objet" }));

        Assert.Equal(1L, await _data.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE dedup_key = 'appel:42:siae:7'"));
        Assert.Equal(1, await Worker().ProcessDueAsync(CancellationToken.None));

        // Published again after sending: still no second mail.
        Assert.False(await EnqueueAsync("j@siae-double.fr", key: "appel:42:siae:7"));
        Assert.Equal(0, await Worker().ProcessDueAsync(CancellationToken.None));
        var request = Assert.Single(_graph.Requests);
        Assert.Equal("Nouveau marché réservé : entretien des espaces verts", Prop(JsonDocument.Parse(request.Body).RootElement, "message").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_buyer_enqueues_in_their_own_transaction_and_row_level_security_refuses_another_organisation()
    {
        var buyer = await _data.UserAsync($"pub-{Guid.NewGuid():N}@ville.test", false, (_org, "acheteur"));
        var otherOrg = await _data.OrganisationAsync("Ville voisine " + Guid.NewGuid().ToString("N")[..6]);
        var tenant = Tenant(buyer, _org, "acheteur");

        await using (var session = await tenant.BeginAsync(CancellationToken.None))
        {
            Assert.True(await OutboxStore.EnqueueAsync(session, _org, "appel_offres_reserve", "rls:1", Mail("k@siae-rls.fr"), CancellationToken.None));
            Assert.False(await OutboxStore.EnqueueAsync(session, _org, "appel_offres_reserve", "rls:1", Mail("k@siae-rls.fr"), CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        await using (var session = await tenant.BeginAsync(CancellationToken.None))
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() =>
                OutboxStore.EnqueueAsync(session, otherOrg, "appel_offres_reserve", "rls:2", Mail("l@siae-rls.fr"), CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        // A rolled-back publication leaves no mail behind.
        await using (var session = await tenant.BeginAsync(CancellationToken.None))
            await OutboxStore.EnqueueAsync(session, _org, "appel_offres_reserve", "rls:3", Mail("m@siae-rls.fr"), CancellationToken.None);

        Assert.Equal(1, await Worker().ProcessDueAsync(CancellationToken.None));
        Assert.Equal("envoye", (await RowAsync("k@siae-rls.fr")).Status);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task An_unreadable_payload_fails_without_calling_Graph()
    {
        await _data.ScalarAsync<int>(
            "INSERT INTO outbox (organisation_id, kind, dedup_key, payload) VALUES (@org, 'appel_offres_reserve', 'casse', '{\"to\": 3}') RETURNING 1",
            new { org = _org });

        Assert.Equal(1, await Worker().ProcessDueAsync(CancellationToken.None));

        Assert.Equal("echoue", await _data.ScalarAsync<string>("SELECT status FROM outbox WHERE dedup_key = 'casse'"));
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task A_payload_written_with_PascalCase_names_as_the_tender_alerts_do_is_sent_and_listed()
    {
        var payload = JsonSerializer.Serialize(new { To = "n@siae-pascal.fr", Subject = "Marché réservé : nettoyage", HtmlBody = "<p>Bonjour</p>", TextBody = "Bonjour" });
        await _data.ScalarAsync<int>(
            "INSERT INTO outbox (organisation_id, kind, dedup_key, payload) VALUES (@org, 'alerte_marche_reserve', 'pascal', @payload::jsonb) RETURNING 1",
            new { org = _org, payload });

        Assert.Equal(1, await Worker().ProcessDueAsync(CancellationToken.None));

        var request = Assert.Single(_graph.Requests);
        var message = Prop(JsonDocument.Parse(request.Body).RootElement, "message");
        Assert.Equal("n@siae-pascal.fr", Recipient(request));
        Assert.Equal("Marché réservé : nettoyage", message.GetProperty("subject").GetString());
        var buyer = await _data.UserAsync($"pascal-{Guid.NewGuid():N}@ville.test", false, (_org, "acheteur"));
        var item = Assert.Single(Assert.IsType<Ok<PagedList<OutboxItem>>>(await ListAsync(buyer, "envoye")).Value!.Items);
        Assert.Equal("siae-pascal.fr", item.RecipientDomain);
        Assert.Equal("Marché réservé : nettoyage", item.Subject);
    }

    private static JsonElement Prop(JsonElement element, string name) =>
        element.EnumerateObject().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Recipient(GraphStandIn.Recorded request) =>
        Prop(JsonDocument.Parse(request.Body).RootElement, "message").GetProperty("toRecipients")[0].GetProperty("emailAddress").GetProperty("address").GetString();

    private TenantDb Tenant(TestUser user, Guid organisation, string role) =>
        new(NpgsqlDataSource.Create(db.AppConnectionString), new CurrentUserAccessor
        {
            User = new CurrentUser(user.Id, user.DisplayName, user.Email, false, [new Membership(organisation, "Organisation", "commune", [role])]),
        });

    private async Task<IResult> ListAsync(TestUser user, string? status)
    {
        await using var conn = new NpgsqlConnection(db.OwnerConnectionString);
        var memberships = (await conn.QueryAsync<(Guid OrganisationId, string Role)>(
            "SELECT organisation_id, role FROM memberships WHERE user_id = @Id", user)).ToList();
        var accessor = new CurrentUserAccessor
        {
            User = new CurrentUser(user.Id, user.DisplayName, user.Email, false,
                memberships.GroupBy(m => m.OrganisationId).Select(g => new Membership(g.Key, "Organisation", "commune", g.Select(m => m.Role).ToList())).ToList()),
        };
        return await OutboxApi.ListAsync(_org, status, null, null, new TenantDb(NpgsqlDataSource.Create(db.AppConnectionString), accessor), accessor,
            CancellationToken.None);
    }
}
