using System.Net.Http.Headers;
using Clauses.Api.Auth;
using Clauses.Api.Integrations.MarcheInclusion;
using Clauses.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clauses.Api.Tests.Siae;

/// <summary>Records the waits the import asks for instead of sleeping.</summary>
public sealed class RecordingDelay : MarcheInclusionDelay
{
    public List<TimeSpan> Waits { get; } = [];

    public override Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        lock (Waits) Waits.Add(delay);
        return Task.CompletedTask;
    }
}

/// <summary>The API pointed at a Marché stand-in, with retries that never sleep.</summary>
public sealed class SiaeTestHost : IAsyncDisposable
{
    public const string Token = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6abcd";

    private readonly ApiFactory _factory;
    private readonly WebApplicationFactory<Program> _app;

    public RecordingDelay Delay { get; } = new();

    public SiaeTestHost(MigratedDatabase db, string baseUrl, double timeoutSeconds = 5, string token = Token)
    {
        _factory = new ApiFactory(db, settings: new Dictionary<string, string?>
        {
            ["MarcheInclusion:BaseUrl"] = baseUrl,
            ["MarcheInclusion:Token"] = token,
            ["MarcheInclusion:PageSize"] = "2",
            ["MarcheInclusion:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<MarcheInclusionDelay>(Delay)));
    }

    public HttpClient ClientFor(TestUser user)
    {
        var client = _app.CreateClient();
        var (token, _) = _app.Services.GetRequiredService<DevTokenIssuer>().Issue(TestData.TenantId, user.ObjectId, user.Email, user.DisplayName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
