using System.Globalization;
using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;

namespace Clauses.Core.Wordings;

/// <summary>
/// Turns the facts of a clause into the French text of every template variable. Typography is the one of
/// <see cref="Euros"/>: narrow no-break space (U+202F) between thousands, decimal comma, no-break space (U+00A0)
/// before a unit ("833 heures", "5 %", "45,00 € HT"). Output never depends on the current culture.
/// </summary>
public static class ClauseValues
{
    // The codes below mirror the CHECK constraints of clauses.sizing_mode, reporting_frequency and preset
    // (src/Clauses.Api/Data/Migrations/0004_clauses.sql).
    private static readonly Dictionary<string, string> Modes = new(StringComparer.Ordinal)
    {
        ["heures_fixes"] = "un volume fixe d'heures",
        ["pourcentage_heures"] = "un pourcentage des heures travaillées",
    };

    private static readonly Dictionary<string, string> Frequencies = new(StringComparer.Ordinal)
    {
        ["mensuelle"] = "chaque mois",
        ["trimestrielle"] = "chaque trimestre",
        ["semestrielle"] = "chaque semestre",
    };

    // Preset sentences. The ANRU figures (NPNRU ≥ 5 % of hours with QPV residents, GUP ≥ 10 %) and the overseas rule
    // (≥ 30 % of hours by under-25s, L2691-1) come from legal-rules.md R5–R6; the ANRU charter text after 2024 is
    // still to be verified there. The overseas condition on youth unemployment is a fact declared by the buyer.
    private static readonly Dictionary<string, string> Presets = new(StringComparer.Ordinal)
    {
        ["anru_npnru"] =
            "Le marché relevant d'une opération financée par l'Agence nationale pour la rénovation urbaine (ANRU) au titre "
            + "du nouveau programme national de renouvellement urbain (NPNRU), l'action d'insertion est mise en œuvre "
            + "conformément à la charte nationale d'insertion de l'ANRU : les heures d'insertion, qui représentent au moins "
            + "5\u00A0% des heures travaillées, sont réalisées par des habitants des quartiers prioritaires de la politique de la ville.",
        ["anru_gup"] =
            "Le marché relevant de la gestion urbaine de proximité d'un projet de renouvellement urbain soutenu par l'Agence "
            + "nationale pour la rénovation urbaine (ANRU), les heures d'insertion représentent au moins 10\u00A0% des heures "
            + "travaillées, conformément à la charte nationale d'insertion de l'ANRU, et bénéficient en priorité aux habitants "
            + "des quartiers prioritaires de la politique de la ville.",
        ["outre_mer_l2691_1"] =
            "En application des articles L. 2691-1 et R. 2691-1 du code de la commande publique, au moins 30\u00A0% des heures de "
            + "travail nécessaires à l'exécution du marché sont réalisées par des jeunes de moins de vingt-cinq ans.",
    };

    /// <summary>Used for "publics" when the clause lists no criterion. The CCAG article number differs from one
    /// CCAG to another (16.1.1 in the CCAG-TIC), hence the generic reference.</summary>
    private const string DefaultPublics =
        "les publics éligibles définis à l'article relatif à la clause d'insertion sociale du cahier des clauses "
        + "administratives générales (CCAG) applicable au marché";

    private static readonly NumberFormatInfo French = CreateFormat();

    /// <summary>Every variable of <see cref="WordingTemplate.KnownVariables"/>, null when the fact is missing.</summary>
    /// <exception cref="ArgumentException">A code (criterion, modality, mode, frequency, preset) is unknown.</exception>
    public static IReadOnlyDictionary<string, string?> From(ClauseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["acheteur"] = Text(facts.BuyerName),
            ["marche_reference"] = Text(facts.ContractReference),
            ["marche_objet"] = Text(facts.ContractTitle),
            ["lot_numero"] = facts.LotNumber > 0 ? facts.LotNumber.ToString(CultureInfo.InvariantCulture) : null,
            ["lot_intitule"] = Text(facts.LotTitle),
            ["montant_ht"] = facts.AmountHt is { } amount ? Euros.Format(amount) + "\u00A0HT" : null,
            ["heures"] = facts.TargetHours is { } hours ? Hours(hours) : null,
            ["taux"] = facts.InsertionRate is { } rate ? Percent(rate * 100m) : null,
            ["mode"] = Lookup(Modes, facts.SizingMode, "mode de calcul"),
            ["mode_pourcentage"] = facts.SizingMode == "pourcentage_heures" ? "oui" : null,
            ["publics"] = facts.EligibleCriteria is { Count: > 0 } criteria ? Labels(Criterion.Terms, criteria) : DefaultPublics,
            ["modalites"] = facts.AllowedModalities is { Count: > 0 } modalities ? Labels(Modality.Terms, modalities) : null,
            ["facilitateur"] = Text(facts.FacilitatorContact),
            ["penalite_heure"] = facts.PenaltyPerHour is { } penalty ? Euros.Format(penalty) : null,
            ["plafond_penalite"] = facts.PenaltyCap is { } cap ? Euros.Format(cap) : null,
            ["frequence"] = Lookup(Frequencies, facts.ReportingFrequency, "fréquence"),
            ["ponderation"] = facts.AwardWeight is { } weight ? Percent(weight) : null,
            ["preset_mention"] = Lookup(Presets, facts.Preset, "préréglage"),
        };
        return values.AsReadOnly();
    }

    /// <summary>"1 heure", "833 heures", "3 500 heures", "1,5 heure" (French: singular below 2).</summary>
    private static string Hours(decimal hours) =>
        hours.ToString("#,##0.##", French) + (Math.Abs(hours) < 2m ? "\u00A0heure" : "\u00A0heures");

    /// <summary>"5 %", "7,5 %", "15 %".</summary>
    private static string Percent(decimal percent) => percent.ToString("#,##0.##", French) + "\u00A0%";

    /// <summary>"a", "a et b", "a, b et c".</summary>
    private static string JoinFrench(List<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " et " + items[^1],
    };

    private static string Labels<T>(Vocabulary<T> vocabulary, IReadOnlyCollection<string> codes)
        where T : ITerm
    {
        foreach (var code in codes)
        {
            if (!vocabulary.IsKnown(code))
            {
                throw new ArgumentException($"Code inconnu « {code} ». Valeurs admises : {vocabulary.CodesText}.", nameof(codes));
            }
        }

        // Vocabulary order, duplicates removed, so that the same clause always reads the same.
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        return JoinFrench(vocabulary.All.Where(t => wanted.Contains(t.Code)).Select(t => LowerFirst(t.Label)).ToList());
    }

    /// <summary>Labels are written for lists ("Bénéficiaire du RSA"); inside a sentence they start in lower case,
    /// unless they start with an acronym.</summary>
    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1])
            ? char.ToLowerInvariant(label[0]) + label[1..]
            : label;

    private static string? Lookup(Dictionary<string, string> table, string? code, string what)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return table.TryGetValue(code, out var text)
            ? text
            : throw new ArgumentException($"Valeur inconnue pour {what} : « {code} ». Valeurs admises : {string.Join(", ", table.Keys)}.", nameof(code));
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static NumberFormatInfo CreateFormat()
    {
        // Same pinned separators as Euros (which exposes no number-only helper).
        var format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        format.NumberGroupSeparator = "\u202F";
        format.NumberDecimalSeparator = ",";
        format.NumberGroupSizes = [3];
        format.NegativeSign = "-";
        return NumberFormatInfo.ReadOnly(format);
    }
}
