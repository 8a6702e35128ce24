using Clauses.Api.Demo;
using Clauses.Api.Wordings;

namespace Clauses.Api.Data;

public static class DatabaseStartup
{
    /// <summary>The owner's connection string, for migrations and the demo seed; falls back to the app's.</summary>
    public static string OwnerConnectionString(IConfiguration config) =>
        config.GetConnectionString("Migrations") ?? config.GetConnectionString("Clauses")
        ?? throw new InvalidOperationException("ConnectionStrings:Migrations is not configured.");

    /// <summary>Applies pending migrations and, where configured, loads the demo data into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var config = app.Configuration;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clauses.Database");
        if (config.GetValue("Database:MigrateOnStart", true))
        {
            await MigrationRunner.RunAsync(OwnerConnectionString(config), logger);
            await WordingsStore.SyncNationalAsync(OwnerConnectionString(config), CancellationToken.None);
        }
        if (config.GetValue("Demo:SeedOnStart", false))
        {
            var anchor = DateOnly.FromDateTime(DateTime.UtcNow);
            if (await DemoSeeder.SeedAsync(OwnerConnectionString(config), new DateOnly(anchor.Year, anchor.Month, 1), CancellationToken.None))
                logger.LogInformation("Demo data loaded");
        }
    }

    /// <summary>Command-line verbs: `migrate` applies migrations, `seed-demo` also loads the demo data; both then exit.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["migrate"] and not ["seed-demo"]) return false;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clauses.Database");
        var applied = await MigrationRunner.RunAsync(OwnerConnectionString(app.Configuration), logger);
        await WordingsStore.SyncNationalAsync(OwnerConnectionString(app.Configuration), CancellationToken.None);
        logger.LogInformation("{Count} migration(s) applied", applied.Count);
        if (args is ["seed-demo"])
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var seeded = await DemoSeeder.SeedAsync(OwnerConnectionString(app.Configuration), new DateOnly(today.Year, today.Month, 1), CancellationToken.None);
            if (seeded) logger.LogInformation("Demo data loaded");
            else logger.LogInformation("Database not empty: demo data left as it is");
        }
        return true;
    }
}
