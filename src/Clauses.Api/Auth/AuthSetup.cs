using System.Text;
using Clauses.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Clauses.Api.Auth;

/// <summary>
/// Bearer tokens from Microsoft Entra ID, configured from an "AzureAd" section shaped like
/// Microsoft.Identity.Web's (Instance, TenantId, ClientId, Audience) — that package cannot be
/// installed here. In Development, without AzureAd, tokens are signed with a local key (DevTokens).
/// </summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var azure = builder.Configuration.GetSection("AzureAd");
        var dev = DevTokenOptions.From(builder.Configuration);
        var useEntra = !string.IsNullOrWhiteSpace(azure["ClientId"]);
        if (!useEntra && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException("AzureAd:TenantId and AzureAd:ClientId must be configured outside Development.");

        builder.Services.AddAuthentication(Schemes.Default)
            // API calls carry a bearer token; the server-rendered pages (SIAE, dashboards) a session cookie.
            .AddPolicyScheme(Schemes.Default, "Bearer ou cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")
                || context.Request.Path.StartsWithSegments("/dev") || context.Request.Headers.Authorization.Count > 0
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "clauses";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/connexion";
                options.AccessDeniedPath = "/acces-refuse";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            })
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                if (useEntra)
                {
                    var instance = (azure["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/');
                    var clientId = azure["ClientId"]!;
                    options.Authority = $"{instance}/{azure["TenantId"]}/v2.0";
                    options.TokenValidationParameters.ValidAudiences =
                        new[] { azure["Audience"], clientId, $"api://{clientId}" }.Where(a => !string.IsNullOrEmpty(a)).ToArray()!;
                }
                else
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = DevTokenOptions.Issuer,
                        ValidAudience = DevTokenOptions.Audience,
                        IssuerSigningKey = dev.Key,
                        ClockSkew = TimeSpan.FromSeconds(30),
                    };
                }
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var detail = context.AuthenticateFailure is null
                            ? "Authentification requise : fournissez un jeton d'accès (en-tête Authorization: Bearer)."
                            : "Le jeton d'accès est invalide ou a expiré : reconnectez-vous.";
                        await Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized, detail);
                    },
                };
            });
        builder.Services.AddSingleton(dev);
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<UserResolver>();
        builder.Services.AddScoped<CurrentUserAccessor>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// After authentication: maps the token (tid, oid) to a Clauses user and their memberships.
    /// A valid token for someone Clauses does not know gets a French 403.
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var tenantId = context.User.FindFirst("tid")?.Value;
            var objectId = context.User.FindFirst("oid")?.Value;
            if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(objectId))
            {
                await Problems.Write(context, StatusCodes.Status401Unauthorized,
                    "Le jeton d'accès ne contient pas l'identifiant de l'utilisateur (revendications tid et oid).");
                return;
            }
            var user = await context.RequestServices.GetRequiredService<UserResolver>()
                .ResolveAsync(tenantId, objectId, context.RequestAborted);
            if (user is null)
            {
                await Problems.Write(context, StatusCodes.Status403Forbidden,
                    "Votre compte n'est pas encore enregistré dans Clauses : demandez à l'administrateur de votre organisation de vous inviter.");
                return;
            }
            context.RequestServices.GetRequiredService<CurrentUserAccessor>().User = user;
            // The opaque user id, never a name or an e-mail address, goes with this request's log lines.
            using (Serilog.Context.LogContext.PushProperty("UserId", user.Id))
                await next(context);
            return;
        }
        await next(context);
    });
}

public static class Schemes
{
    /// <summary>Chooses the bearer scheme for /api and token-carrying requests, the cookie for pages.</summary>
    public const string Default = "Clauses";
}

public sealed class DevTokenOptions
{
    public const string Issuer = "clauses-dev";
    public const string Audience = "api://clauses-dev";

    public required SymmetricSecurityKey Key { get; init; }

    public static DevTokenOptions From(IConfiguration config)
    {
        // Only ever used in Development (AuthSetup refuses to start elsewhere without Entra ID).
        var secret = config["DevAuth:SigningKey"];
        if (string.IsNullOrEmpty(secret) || secret.Length < 32)
            secret = "clauses-development-only-signing-key-not-a-secret";
        return new DevTokenOptions { Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) };
    }
}
