using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace Clauses.Api.Infrastructure;

/// <summary>
/// Server-rendered pages (Razor Pages, French, no JavaScript needed): sign-in, reserved tenders for SIAE,
/// the public list, and the buyer's tenders. They use the cookie scheme (AuthSetup's policy scheme sends
/// every non-API request there); forms carry an antiforgery token, which Razor Pages check on every POST.
/// </summary>
public static class PagesSetup
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            // Everything else requires a signed-in user (the fallback policy of AddAuth).
            options.Conventions.AllowAnonymousToPage("/Connexion");
            options.Conventions.AllowAnonymousToPage("/Deconnexion");
            options.Conventions.AllowAnonymousToPage("/AccesRefuse");
            options.Conventions.AllowAnonymousToPage("/MarchesReserves/Publics");
        });
        // French text stays readable in the HTML source (é, not &#xE9;); markup characters are still encoded.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "clauses-af";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.FormFieldName = "__RequestVerificationToken";
        });
        return builder;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
