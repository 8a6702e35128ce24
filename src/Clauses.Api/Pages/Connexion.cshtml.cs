using System.Security.Claims;
using Clauses.Api.Auth;
using Clauses.Api.Demo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clauses.Api.Pages;

/// <summary>
/// Sign-in for the pages. In Development: the demo users, each a POST button that opens a cookie session
/// with the claims an Entra ID token would carry (tid, oid, name, preferred_username), so UseCurrentUser
/// resolves them like a bearer token. Elsewhere, sign-in is Microsoft Entra ID through OpenID Connect
/// (Auth/EntraSignIn: the code flow written out, as the OpenIdConnect package cannot be installed here).
/// </summary>
public sealed class ConnexionModel(IWebHostEnvironment environment, IConfiguration config, UserResolver users, CurrentUserAccessor current) : PageModel
{
    public bool IsDevelopment => environment.IsDevelopment();

    /// <summary>Entra ID sign-in for pages (Auth/EntraSignIn) when the app registration's secret is configured.</summary>
    public bool EntraConfigured => EntraSignIn.Configured(config);

    public IReadOnlyList<DemoUser> DemoUsers => DemoSeeder.Users;

    public CurrentUser? SignedIn => current.User;

    /// <summary>Where to go after sign-in; only a local path is honoured.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        if (!IsDevelopment) return NotFound();
        var demo = DemoSeeder.Users.FirstOrDefault(u => string.Equals(u.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (demo is null)
        {
            Error = "Choisissez l'un des comptes de démonstration de la liste.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = await users.ResolveAsync(DemoSeeder.DevTenantId, demo.ObjectId, ct);
        if (user is null)
        {
            Error = $"Le compte « {demo.Email} » n'existe pas dans cette base : chargez les données de démonstration (scripts/run.sh ou scripts/db.sh reset).";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var identity = new ClaimsIdentity(
        [
            new Claim("tid", DemoSeeder.DevTenantId),
            new Claim("oid", demo.ObjectId),
            new Claim("name", demo.DisplayName),
            new Claim("preferred_username", demo.Email),
        ], CookieAuthenticationDefaults.AuthenticationScheme, "name", "roles");
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        return LocalRedirect(PageText.IsBuyer(user) ? "/acheteur/marches-reserves" : "/marches-reserves");
    }
}
