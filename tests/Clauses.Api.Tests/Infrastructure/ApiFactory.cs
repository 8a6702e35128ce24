using System.Net.Http.Headers;
using Clauses.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clauses.Api.Tests.Infrastructure;

/// <summary>The real API in memory, on a test class's own database, in Development (local token key).</summary>
public sealed class ApiFactory(MigratedDatabase database, string environment = "Development", IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Clauses", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", database.OwnerConnectionString);
        builder.UseSetting("Demo:SeedOnStart", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    /// <summary>A client signed in as the given test user.</summary>
    public HttpClient ClientFor(TestUser user)
    {
        var client = CreateClient();
        var issuer = Services.GetRequiredService<DevTokenIssuer>();
        var (token, _) = issuer.Issue(TestData.TenantId, user.ObjectId, user.Email, user.DisplayName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
