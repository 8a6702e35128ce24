using System.Globalization;
using System.Text;
using Clauses.Core.Spar;

namespace Clauses.Api.Spar;

/// <summary>How a cell of an export is written: text, or a number or date shown in its unit.</summary>
public enum SparCellFormat { Text, Hours, Count, Euros, Points, Figure, Date }

/// <summary>One cell of an export table; an empty cell has neither text, number nor date.</summary>
public readonly record struct SparCell(SparCellFormat Format, string? Text = null, decimal? Number = null, DateOnly? Date = null)
{
    public static SparCell Of(string? text) => new(SparCellFormat.Text, Text: text);
    public static SparCell Of(decimal? number, SparCellFormat format) => new(format, Number: number);
    public static SparCell Of(DateOnly? date) => new(SparCellFormat.Date, Date: date);
    public static SparCell YesNo(bool value) => Of(value ? "Oui" : "Non");
}

/// <summary>One block of the dashboard as a table: a sheet of the workbook, a section of the CSV file.</summary>
public sealed record SparTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<SparCell>> Rows);

/// <summary>
/// The dashboard's blocks as tables, read straight from the <see cref="SparDashboard"/> the page shows: the workbook and the
/// CSV file both write these, so an export holds exactly what is on screen (values, French displays, labels).
/// </summary>
public static class SparDashboardExport
{
    public const string Indicators = "Indicateurs";
    public const string Months = "Heures par mois";
    public const string Breakdowns = "Répartitions";
    public const string Contracts = "Marchés";
    public const string Clauses = "Clauses";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Title(SparDashboard d) =>
        $"Tableau de bord SPAR — {d.OrganisationName} — année {d.Year.ToString(CultureInfo.InvariantCulture)} "
        + $"(situation au {d.AsOf.ToString("d MMMM yyyy", French)})";

    public static IReadOnlyList<SparTable> Tables(SparDashboard d) =>
        [KpiTable(d), MonthTable(d), BreakdownTable(d), ContractTable(d), ClauseTable(d)];

    /// <summary>An ASCII file name: "tableau-de-bord-spar-metropole-de-lyon-2026.xlsx".</summary>
    public static string FileName(SparDashboard d, string extension) =>
        $"tableau-de-bord-spar-{Slug(d.OrganisationName)}-{d.Year.ToString(CultureInfo.InvariantCulture)}.{extension}";

    private static SparTable KpiTable(SparDashboard d) => new(Indicators,
        ["Code", "Indicateur", "Valeur", "Unité", "Affichage", "Détail", "Cible", "Cible (affichage)", "Progression vers la cible (%)", "Base", "Définition"],
        d.Kpis.Select(k => (IReadOnlyList<SparCell>)
        [
            SparCell.Of(k.Code), SparCell.Of(k.Label), SparCell.Of(k.Value, ValueFormat(k.Unit)), SparCell.Of(UnitLabel(k.Unit)),
            SparCell.Of(k.Display), SparCell.Of(k.Detail), SparCell.Of(k.Target, ValueFormat(k.Unit)), SparCell.Of(k.TargetDisplay),
            SparCell.Of(k.Progress * 100m, SparCellFormat.Points), SparCell.Of(BaseLabel(k.Base)), SparCell.Of(k.Definition),
        ]).ToList());

    private static SparTable MonthTable(SparDashboard d) => new(Months,
        ["Mois", "Premier jour", "Heures du mois", "Heures cumulées", "Cible cumulée"],
        d.Months.Select(m => (IReadOnlyList<SparCell>)
        [
            SparCell.Of(m.Label), SparCell.Of(m.Month), SparCell.Of(m.Hours, SparCellFormat.Hours),
            SparCell.Of(m.CumulativeHours, SparCellFormat.Hours), SparCell.Of(m.CumulativeTarget, SparCellFormat.Hours),
        ]).ToList());

    /// <summary>The eight breakdowns under one another, each named in the first column.</summary>
    public static IReadOnlyList<(string Name, string Unit, IReadOnlyList<SparSlice> Slices)> BreakdownsOf(SparDashboard d) =>
    [
        ("Heures par instrument", "heures", d.HoursByInstrument),
        ("Heures par modalité", "heures", d.HoursByModality),
        ("Heures par secteur d'achat", "heures", d.HoursBySector),
        ("Heures par titulaire", "heures", d.HoursByContractor),
        ("Heures par structure inclusive (SIAE, GEIQ, EA)", "heures", d.HoursBySiae),
        ("Heures par territoire", "heures", d.HoursByTerritory),
        ("Personnes par public", "personnes", d.PeopleByPublic),
        ("Personnes par profil", "personnes", d.PeopleByProfile),
    ];

    private static SparTable BreakdownTable(SparDashboard d) => new(Breakdowns,
        ["Répartition", "Code", "Libellé", "Valeur", "Unité", "Affichage"],
        BreakdownsOf(d).SelectMany(b => b.Slices.Select(s => (IReadOnlyList<SparCell>)
        [
            SparCell.Of(b.Name), SparCell.Of(s.Code), SparCell.Of(s.Label),
            // A masked count (< 5) carries 0 for the charts: the export leaves it blank rather than state "nobody".
            SparCell.Of(IsMasked(s) ? null : s.Value, b.Unit == "heures" ? SparCellFormat.Hours : SparCellFormat.Count),
            SparCell.Of(b.Unit), SparCell.Of(s.Display),
        ])).ToList());

    private static SparTable ContractTable(SparDashboard d) => new(Contracts,
        ["Référence", "Intitulé", "Catégorie", "Montant HT (€)", "Notifié le", "Heures dans l'année", "Instruments", "Marché réservé",
            "Considération sociale", "Opportunité analysée"],
        d.Contracts.Select(c => (IReadOnlyList<SparCell>)
        [
            SparCell.Of(c.Reference), SparCell.Of(c.Title), SparCell.Of(c.Category), SparCell.Of(c.AmountHt, SparCellFormat.Euros),
            SparCell.Of(c.NotifiedOn), SparCell.Of(c.HoursInYear, SparCellFormat.Hours), SparCell.Of(string.Join(" ; ", c.Instruments)),
            SparCell.YesNo(c.Reserved), SparCell.YesNo(c.SocialConsideration), SparCell.YesNo(c.Analysed),
        ]).ToList());

    private static SparTable ClauseTable(SparDashboard d) => new(Clauses,
        ["Marché", "Intitulé du marché", "Lot", "Instrument", "Début d'exécution", "Fin d'exécution", "Heures exigées", "Heures réalisées",
            "Heures attendues à date", "Heures restant dues", "Taux de réalisation (%)", "Statut", "Pénalité encourue (€)"],
        d.Clauses.Select(c => (IReadOnlyList<SparCell>)
        [
            SparCell.Of(c.ContractReference), SparCell.Of(c.ContractTitle), SparCell.Of(c.LotNumber, SparCellFormat.Count),
            SparCell.Of(c.InstrumentLabel), SparCell.Of(c.StartsOn), SparCell.Of(c.EndsOn), SparCell.Of(c.TargetHours, SparCellFormat.Hours),
            SparCell.Of(c.DoneHours, SparCellFormat.Hours), SparCell.Of(c.ExpectedHours, SparCellFormat.Hours),
            SparCell.Of(c.HoursStillDue, SparCellFormat.Hours), SparCell.Of(c.Rate * 100m, SparCellFormat.Points), SparCell.Of(c.StatusLabel),
            SparCell.Of(c.Penalty, SparCellFormat.Euros),
        ]).ToList());

    public static bool IsMasked(SparSlice s) => s.Display == SmallCell.Suppressed;

    private static SparCellFormat ValueFormat(string unit) => unit switch
    {
        IndicatorUnit.Heures => SparCellFormat.Hours,
        IndicatorUnit.Nombre => SparCellFormat.Count,
        _ => SparCellFormat.Figure,     // percentages (in points, 2 decimals) and euros
    };

    public static string UnitLabel(string unit) => IndicatorUnit.Terms.Find(unit)?.Label ?? unit;

    public static string BaseLabel(string code) => IndicatorBase.Terms.Find(code)?.Label ?? code;

    private static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "organisation" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }
}
