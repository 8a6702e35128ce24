using System.Globalization;
using Clauses.Api.Auth;
using Clauses.Core.Clauses;
using Clauses.Core.Organisations;
using Clauses.Core.Siae;
using Clauses.Core.Tenders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clauses.Api.Pages;

/// <summary>French wording of the pages: labels of the domain's codes, dates in Paris time, amounts.</summary>
public static class PageText
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TimeZoneInfo Paris = FindParis();

    private static TimeZoneInfo FindParis()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
        catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }

    /// <summary>A UTC timestamp as Paris local time, e.g. "mardi 14 juillet 2026 à 12h00".</summary>
    public static string DateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("dddd d MMMM yyyy 'à' HH'h'mm", French);

    public static string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("d MMMM yyyy", French);

    /// <summary>Machine-readable value for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTime utc) => System.DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Deadline(DateTime utc) => "Réponse avant le " + DateTime(utc);

    public static string Money(decimal amount) => amount.ToString("#,##0.##", French) + " € HT";

    /// <summary>The first words of a text, cut at a space, with an ellipsis.</summary>
    public static string? Excerpt(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut < length / 2 ? length : cut)].TrimEnd(' ', ',', ';', ':') + " …";
    }

    public static string ReservationLabel(string code) => Instrument.Terms.Find(code)?.Label ?? code;

    /// <summary>"article L2113-13 / R2113-7 du code de la commande publique".</summary>
    public static string ReservationArticle(string code) =>
        Instrument.Terms.Find(code) is { } term ? $"article {term.LegalBasis} du code de la commande publique" : code;

    public static string Sector(string code) => SiaeSector.Terms.Find(code)?.Label ?? code;

    public static string Sectors(IEnumerable<string> codes) => string.Join(", ", codes.Select(Sector));

    public static string Kind(string code) => SiaeKind.Terms.Find(code) is { } term ? $"{term.Label} ({term.Code})" : code;

    public static string Status(string code) => TenderStatus.Terms.Find(code)?.Label ?? code;

    public static string Departements(IReadOnlyCollection<string> codes) =>
        codes.Count == 0 ? "Tous départements" : (codes.Count == 1 ? "Département " : "Départements ") + string.Join(", ", codes);

    /// <summary>A tender still takes answers: published and before its deadline.</summary>
    public static bool IsOpen(Tenders.TenderResponse t, DateTimeOffset now) =>
        t.Status == TenderStatus.Publie && System.DateTime.SpecifyKind(t.DeadlineAt, DateTimeKind.Utc) > now.UtcDateTime;

    /// <summary>The organisations whose reserved tenders the user manages or follows on the buyer page.</summary>
    public static readonly string[] BuyerRoles = [Role.Acheteur, Role.Admin, Role.Directeur];

    public static Guid[] BuyerOrganisations(CurrentUser? user) =>
        user?.Memberships.Where(m => m.Roles.Any(BuyerRoles.Contains)).Select(m => m.OrganisationId).ToArray() ?? [];

    public static bool IsBuyer(CurrentUser? user) => BuyerOrganisations(user).Length > 0;

    /// <summary>The French messages of a problem returned by the shared tender code (TenderViews, TenderActions).</summary>
    public static IReadOnlyList<string> Messages(IResult problem) => problem switch
    {
        ValidationProblem v => v.ProblemDetails.Errors.SelectMany(e => e.Value).ToList(),
        ProblemHttpResult p => [p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "La demande a été refusée."],
        _ => ["La demande a été refusée."],
    };

    public static int StatusCode(IResult problem) => problem switch
    {
        ValidationProblem => StatusCodes.Status400BadRequest,
        ProblemHttpResult p => p.StatusCode,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>The confirmation or the French errors shown at the top of a page (partial _Messages).</summary>
public sealed record PageMessages(string? Confirmation, IReadOnlyList<string> Errors)
{
    public static PageMessages None { get; } = new(null, []);
}

/// <summary>One tender in a list (partial _TenderCard).</summary>
public sealed record TenderCard(Tenders.TenderResponse Tender, string? Href, bool Matches = false, bool? Interested = null, string? Note = null);
