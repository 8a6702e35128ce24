using System.Net;
using Clauses.Api.Tests.Infrastructure;

namespace Clauses.Api.Tests.Auth;

public sealed class RateLimitTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly ApiFactory _api = new(db, settings: new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "3" });
    private readonly TestData _data = new(db);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var org = await _data.OrganisationAsync("Ville limitée");
        var busy = _api.ClientFor(await _data.UserAsync("presse@exemple.fr", false, (org, "acheteur")));
        var calm = _api.ClientFor(await _data.UserAsync("calme@exemple.fr", false, (org, "acheteur")));

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        var refused = await busy.GetAsync(new Uri("/api/me", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Trop de requêtes", problem.GetProperty("title").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        // Health checks are never limited.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
