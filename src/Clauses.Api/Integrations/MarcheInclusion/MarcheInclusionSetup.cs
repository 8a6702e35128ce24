using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Clauses.Api.Integrations.MarcheInclusion;

public static class MarcheInclusionSetup
{
    /// <summary>Registers the typed client for Le Marché de l'inclusion (configuration section "MarcheInclusion") and the importer.</summary>
    public static WebApplicationBuilder AddMarcheInclusion(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MarcheInclusionOptions>(builder.Configuration.GetSection(MarcheInclusionOptions.Section));
        builder.Services.AddSingleton<MarcheInclusionDelay>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SiaeImporter>();
        builder.Services.AddHttpClient<MarcheInclusionClient>((services, http) =>
        {
            var o = services.GetRequiredService<IOptions<MarcheInclusionOptions>>().Value;
            var baseUrl = o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/";
            http.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
            http.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds > 0 ? o.TimeoutSeconds : 30);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Clauses/1.0 (annuaire SIAE)");
        });
        return builder;
    }
}
