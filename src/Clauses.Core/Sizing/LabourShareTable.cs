using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using Clauses.Core.Common;

namespace Clauses.Core.Sizing;

/// <summary>Labour share of a trade (corps d'état).</summary>
/// <param name="Trade">Trade code, <c>^[a-z0-9_]{1,60}$</c> (lots.trade CHECK).</param>
/// <param name="Label">French label.</param>
/// <param name="Share">Labour share, in ]0, 1].</param>
/// <param name="Source">A <see cref="LabourShareSource"/> code.</param>
/// <param name="Reference">Where a sourced or organisation value comes from; null for defaults to be validated.</param>
public sealed record LabourShareEntry(string Trade, string Label, decimal Share, string Source, string? Reference);

/// <summary>An organisation's own labour share for a trade (table labour_share_overrides).</summary>
public sealed record LabourShareOverride(string Trade, decimal Share, string? Reference);

/// <summary>The configurable table of labour shares by trade (R3).</summary>
public static partial class LabourShareTable
{
    public const int TradeMaxLength = 60;
    public const int ReferenceMaxLength = 500;

    private const string Mefsud77 = "MEF Sud 77, exemple de calcul d'une clause (http://www.mefsud77.fr/?page_id=28)";
    private const string MdeAles = "MDE Alès-Cévennes, exemple de calcul d'une clause (https://mde-alescevennes.agartaworld.com/?p=1223)";

    /// <summary>The shipped table: sourced values first, then defaults the UI must show as to be validated.</summary>
    public static IReadOnlyList<LabourShareEntry> Default { get; } = new ReadOnlyCollection<LabourShareEntry>(
    [
        // R3 (legal-rules §7, §2.1–2.2): sourced values, mefsud77 worked example and MDE Alès services example.
        Sourced("peinture_interieure", "Peinture intérieure", 0.70m, Mefsud77),
        Sourced("maconnerie", "Maçonnerie", 0.50m, Mefsud77),
        Sourced("gros_oeuvre", "Gros œuvre", 0.50m, Mefsud77),
        Sourced("charpente_metallique", "Charpente métallique", 0.20m, Mefsud77),
        Sourced("moyenne_batiment", "Bâtiment, moyenne tous corps d'état", 0.50m, Mefsud77),
        Sourced("services_exemple", "Prestations de services (exemple)", 0.70m, MdeAles),
        // R3 (legal-rules §2.2): no retrievable source; common defaults (nettoyage 80–90 %, espaces verts 50–70 %, VRD 25–40 %,
        // second œuvre 50–70 %) and estimates for the others, to be validated with a facilitator [UNCERTAIN].
        ToValidate("second_oeuvre", "Second œuvre", 0.60m),
        ToValidate("menuiserie", "Menuiserie", 0.55m),
        ToValidate("plomberie", "Plomberie, chauffage, ventilation", 0.50m),
        ToValidate("electricite", "Électricité", 0.50m),
        ToValidate("couverture", "Couverture, étanchéité", 0.50m),
        ToValidate("carrelage", "Carrelage, revêtements de sols", 0.60m),
        ToValidate("platrerie", "Plâtrerie, isolation, faux plafonds", 0.60m),
        ToValidate("peinture_exterieure", "Peinture extérieure, ravalement", 0.60m),
        ToValidate("demolition", "Démolition, désamiantage", 0.40m),
        ToValidate("vrd", "Voirie et réseaux divers (VRD)", 0.30m),
        ToValidate("nettoyage", "Nettoyage et propreté des locaux", 0.85m),
        ToValidate("espaces_verts", "Espaces verts", 0.60m),
        ToValidate("collecte_dechets", "Collecte des déchets", 0.60m),
        ToValidate("restauration", "Restauration collective", 0.50m),
        ToValidate("gardiennage", "Gardiennage et sécurité", 0.85m),
        ToValidate("maintenance", "Maintenance des bâtiments et équipements", 0.55m),
        ToValidate("blanchisserie", "Blanchisserie", 0.60m),
        ToValidate("fournitures", "Fournitures (livraison et installation)", 0.10m),
    ]);

    /// <summary>The default table with the organisation's overrides applied: an override replaces the trade's share
    /// (keeping its label) or adds the trade; either way the entry's source becomes <see cref="LabourShareSource.Organisation"/>.
    /// A later override of the same trade wins.</summary>
    /// <exception cref="ArgumentException">An override has an invalid trade code or share (see <see cref="ValidateOverride"/>).</exception>
    // R3 (legal-rules §7): the table is configurable; DOMAIN intro: an administrator changes the default and the value used is recorded.
    public static IReadOnlyList<LabourShareEntry> Resolve(IEnumerable<LabourShareOverride> organisationOverrides)
    {
        ArgumentNullException.ThrowIfNull(organisationOverrides);
        var entries = new List<LabourShareEntry>(Default);
        foreach (var o in organisationOverrides)
        {
            ArgumentNullException.ThrowIfNull(o, nameof(organisationOverrides));
            if (!ValidateOverride(o).IsValid)
            {
                throw new ArgumentException($"Invalid labour share override for trade '{o.Trade}'.", nameof(organisationOverrides));
            }

            var index = entries.FindIndex(e => string.Equals(e.Trade, o.Trade, StringComparison.Ordinal));
            if (index >= 0)
            {
                entries[index] = entries[index] with { Share = o.Share, Source = LabourShareSource.Organisation, Reference = o.Reference };
            }
            else
            {
                entries.Add(new LabourShareEntry(o.Trade, o.Trade, o.Share, LabourShareSource.Organisation, o.Reference));
            }
        }

        return entries.AsReadOnly();
    }

    /// <summary>The entry for <paramref name="trade"/> (exact, case-sensitive), or null when the trade is null or not in the table.</summary>
    public static LabourShareEntry? Find(IReadOnlyList<LabourShareEntry> table, string? trade)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (trade is null)
        {
            return null;
        }

        foreach (var entry in table)
        {
            if (string.Equals(entry.Trade, trade, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Field errors of an organisation's override (fields "trade", "share", "reference"), as the database checks them.</summary>
    public static ValidationErrors ValidateOverride(LabourShareOverride o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new ValidationErrors();
        if (o.Trade is null || !TradeFormat().IsMatch(o.Trade))
        {
            errors.Add("trade", $"Le code du corps d'état doit comporter de 1 à {TradeMaxLength} lettres minuscules sans accent, chiffres ou « _ ».");
        }

        // labour_share_overrides.share numeric(5,4) CHECK (share > 0 AND share <= 1) (migration 0004).
        if (o.Share <= 0 || o.Share > 1)
        {
            errors.Add("share", "La part de main-d'œuvre doit être supérieure à 0\u00A0% et au plus égale à 100\u00A0%.");
        }
        else if (decimal.Round(o.Share, 4) != o.Share)
        {
            errors.Add("share", "La part de main-d'œuvre ne peut pas être plus précise que 0,01\u00A0%.");
        }

        if (o.Reference is { Length: > ReferenceMaxLength })
        {
            errors.Add("reference", $"La source ne doit pas dépasser {ReferenceMaxLength} caractères.");
        }

        return errors;
    }

    private static LabourShareEntry Sourced(string trade, string label, decimal share, string reference) =>
        new(trade, label, share, LabourShareSource.TableSourcee, reference);

    private static LabourShareEntry ToValidate(string trade, string label, decimal share) =>
        new(trade, label, share, LabourShareSource.TableAValider, null);

    [GeneratedRegex(@"\A[a-z0-9_]{1,60}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TradeFormat();
}
