using Clauses.Api.Hours;
using Clauses.Api.Participants;

namespace Clauses.Api.Infrastructure;

public static class BackgroundWork
{
    /// <summary>The import worker and the daily retention job (Background:Enabled=false turns both off, e.g. for a read replica).</summary>
    public static WebApplicationBuilder AddBackgroundWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportQueue>();
        if (builder.Configuration.GetValue("Background:Enabled", true))
        {
            builder.Services.AddHostedService<ImportWorker>();
            builder.Services.AddHostedService<RetentionService>();
        }
        return builder;
    }
}
