using System.Globalization;
using System.Text.Json;
using Clauses.Api.Auth;
using Clauses.Api.Data;
using Clauses.Api.Spar;
using Clauses.Core.Spar;
using Microsoft.AspNetCore.Http.Json;

namespace Clauses.Api.Pages.TableauDeBord;

/// <summary>What a dashboard page shows: the organisations the user may pick, the year, and the <see cref="SparDashboard"/>
/// (the same object the JSON API returns), or why there is none.</summary>
public sealed record DashboardView(
    IReadOnlyList<SparOrganisation> Organisations,
    int Year,
    IReadOnlyList<int> Years,
    SparDashboard? Dashboard,
    int Status,
    string? Refusal)
{
    public Guid? OrganisationId => Dashboard?.OrganisationId;

    /// <summary>The query string that keeps the organisation and the year from one page to the next.</summary>
    public string Query => Dashboard is { } d
        ? $"organisation={d.OrganisationId}&annee={d.Year.ToString(CultureInfo.InvariantCulture)}"
        : $"annee={Year.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Loading and French wording shared by the dashboard pages. Every figure comes from <see cref="SparDashboard"/>:
/// values already displayed there are shown as they are; the others are only formatted here, never computed.</summary>
public static class DashboardPage
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public const string NoViewerRole =
        "Le tableau de bord SPAR est réservé aux directeurs, administrateurs et facilitateurs d'une organisation. "
        + "Si vous pensez devoir y accéder, demandez à l'administrateur de votre organisation de vous attribuer le rôle adéquat.";

    /// <summary>True when the user may open at least one organisation's dashboard (the menu shows the link).</summary>
    public static bool IsViewer(CurrentUser? user) =>
        user?.Memberships.Any(m => m.Roles.Any(SparDashboardApi.Viewers.Contains)) ?? false;

    /// <summary>The page's dashboard; with a contract, only that contract's rows (the drill-down).</summary>
    public static async Task<DashboardView> LoadAsync(TenantDb tenant, CurrentUser user, Guid? organisation, int? annee, DateOnly today,
        CancellationToken ct, Guid? contract = null)
    {
        var year = annee ?? today.Year;
        await using var db = await tenant.BeginAsync(ct);
        var organisations = await SparDashboardApi.OrganisationsAsync(db, user, ct);
        var years = Years(today, year);
        if (organisations.Count == 0) return new(organisations, year, years, null, StatusCodes.Status403Forbidden, NoViewerRole);
        if (year is < 2015 or > 2100)
            return new(organisations, today.Year, Years(today, today.Year), null, StatusCodes.Status400BadRequest,
                $"L'année doit être comprise entre 2015 et 2100 (reçu : {year.ToString(CultureInfo.InvariantCulture)}).");
        var dashboard = await SparDashboardApi.LoadAsync(db, user, organisation, year, today, ct, contract);
        return dashboard is null
            ? new(organisations, year, years, null, StatusCodes.Status404NotFound,
                "Aucune organisation dont vous pouvez consulter le tableau de bord SPAR ne porte cet identifiant : choisissez-en une dans la liste.")
            : new(organisations, year, years, dashboard, StatusCodes.Status200OK, null);
    }

    /// <summary>The current year and the five before it, and the one asked for if it is elsewhere.</summary>
    private static List<int> Years(DateOnly today, int selected)
    {
        var years = Enumerable.Range(0, 6).Select(i => today.Year - i).ToList();
        if (selected is >= 2015 and <= 2100 && !years.Contains(selected)) years.Add(selected);
        return [.. years.OrderDescending()];
    }

    /// <summary>The dashboard as JSON for the charts' script, serialised as the API does, without the contract and clause lists
    /// that no chart draws (a métropole's year lists thousands: megabytes the page would carry twice); "&lt;" is escaped so
    /// the text can never close its &lt;script&gt; element.</summary>
    public static string Json(SparDashboard dashboard, JsonOptions options) =>
        JsonSerializer.Serialize(dashboard with { Contracts = [], Clauses = [] }, options.SerializerOptions)
            .Replace("<", "\\u003c", StringComparison.Ordinal);

    /// <summary>Rows a table of the page shows before "Afficher tout": the most behind clauses, the contracts with the most
    /// hours. The exports always hold every row.</summary>
    public const int FirstRows = 50;

    public static string Count(long count) => SparFormat.Count(count);

    public static string Today(DateOnly date) => date.ToString("d MMMM yyyy", French);

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("d MMM yyyy", French) : "—";

    public static string ShortDate(DateOnly? date) => date is { } d ? d.ToString("dd/MM/yyyy", French) : "—";

    public static string Hours(decimal hours) => SparFormat.Hours(hours);

    public static string Euros(decimal? euros) => euros is { } e ? SparFormat.Euros(e) : "—";

    /// <summary>A share held as a fraction (0.9104) in points: "91,0 %".</summary>
    public static string Share(decimal fraction) => SparFormat.Points(fraction * 100m);

    public static string YesNo(bool value) => value ? "oui" : "non";

    public static string BaseLabel(string code) => SparDashboardExport.BaseLabel(code);

    /// <summary>Width of a progress bar, capped at the target (CSS percentage, invariant digits).</summary>
    public static string BarWidth(decimal progress) =>
        decimal.Round(Math.Clamp(progress, 0m, 1m) * 100m, 1).ToString(CultureInfo.InvariantCulture) + "%";

    public static string StatusClass(string status) => status switch
    {
        BurnDownStatus.EnRetard => "badge--late",
        BurnDownStatus.EnAvance => "badge--success",
        _ => "badge--neutral",
    };
}

/// <summary>One breakdown block (partial _Repartition): its chart key for the script, title, unit header and slices.</summary>
public sealed record Breakdown(string Chart, string Title, string Unit, IReadOnlyList<SparSlice> Slices, bool Wide = false);

/// <summary>The burn-down table (partial _Clauses), with or without the contract column.</summary>
public sealed record ClauseList(IReadOnlyList<SparClauseRow> Clauses, string Query, bool ShowContract);

/// <summary>A table showing its first rows only: how many of how many, and the link that shows them all.</summary>
public sealed record Truncation(int Shown, int Total, string All, string Noun, string Participle, string Query);
