using Azure.Core;
using Azure.Identity;
using Clauses.Api.Integrations.Graph;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clauses.Api.Outbox;

public static class OutboxSetup
{
    /// <summary>
    /// The mail sender and the outbox worker. Graph:ClientId set → GraphMailSender (client secret credential);
    /// unset in Development → LoggingMailSender (the demo runs without Microsoft 365); unset elsewhere → no
    /// sender and no worker: mails wait in the outbox (status en_attente) and a warning is logged at start-up,
    /// rather than being marked sent without leaving. Background:Enabled=false turns the worker off.
    /// </summary>
    public static WebApplicationBuilder AddOutbox(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(OutboxOptions.From(builder.Configuration));

        var graph = GraphOptions.From(builder.Configuration);
        var hasSender = true;
        if (graph.IsConfigured)
        {
            graph.Validate();
            services.AddSingleton(graph);
            services.AddSingleton<TokenCredential>(new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret));
            services.AddSingleton<IMailSender, GraphMailSender>();
        }
        else if (builder.Environment.IsDevelopment())
        {
            services.AddSingleton<IMailSender, LoggingMailSender>();
        }
        else
        {
            hasSender = false;
            services.AddHostedService<MailNotConfiguredWarning>();
        }

        if (hasSender && builder.Configuration.GetValue("Background:Enabled", true))
            services.AddHostedService<OutboxWorker>();
        return builder;
    }

    private sealed class MailNotConfiguredWarning(ILogger<OutboxWorker> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Graph:ClientId is not configured: e-mails stay queued in the outbox until Microsoft Graph is configured");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
