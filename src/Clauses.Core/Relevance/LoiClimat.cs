using System.Globalization;
using Clauses.Core.Common;
using Clauses.Core.Contracts;
using Clauses.Core.Organisations;

namespace Clauses.Core.Relevance;

/// <summary>What decides whether the Loi Climat social obligation applies to a contract.</summary>
/// <param name="EstimatedAmountHt">Estimated value, € HT.</param>
/// <param name="Category">A <see cref="PurchaseCategory"/> code.</param>
/// <param name="OrganisationKind">An <see cref="Organisations.OrganisationKind"/> code of the buyer.</param>
/// <param name="ContractKind">A <see cref="Contracts.ContractKind"/> code.</param>
/// <param name="LaunchDate">Date the consultation is launched or the notice sent for publication.</param>
/// <param name="DefenceOrSecurity">Defence or security contract.</param>
public sealed record LoiClimatInput(decimal EstimatedAmountHt, string Category, string OrganisationKind, string ContractKind, DateOnly? LaunchDate, bool DefenceOrSecurity);

/// <summary>Whether the obligation applies, the threshold compared with (when one was), and why, in French.</summary>
public sealed record LoiClimatResult(bool Applies, decimal? Threshold, string Explanation);

/// <summary>Loi Climat et résilience (n° 2021-1104, art. 35): social/employment execution condition above the EU thresholds (R12).</summary>
public static class LoiClimat
{
    /// <summary>Latest entry into force; configurable in case a decree sets an earlier date.</summary>
    // R12 (legal-rules §1.6): in force on a date set by decree, at the latest 22 August 2026, for consultations launched from that date.
    public static readonly DateOnly DefaultEntryIntoForce = new(2026, 8, 22);

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Evaluates the obligation for one contract. Never throws for unknown codes: it explains instead.</summary>
    // R12 (legal-rules §7): value ≥ EU threshold at launch AND launch ≥ entry into force AND not defence → a social execution condition or a recorded exception.
    public static LoiClimatResult Evaluate(LoiClimatInput input, IReadOnlyList<EuThreshold> thresholds, DateOnly entryIntoForce)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(thresholds);

        // A subsidy is not a public contract (CCP L1 and L1121-1): art. 35 applies to marchés and concessions only.
        if (input.ContractKind == ContractKind.Subvention)
        {
            return new(false, null, "Une subvention n'est pas un contrat de la commande publique : l'obligation de la loi Climat et résilience ne s'applique pas.");
        }

        if (!ContractKind.Terms.IsKnown(input.ContractKind))
        {
            return new(false, null, $"Obligation non évaluée : type de contrat inconnu « {input.ContractKind} ».");
        }

        // R12 (legal-rules §1.6): defence and security contracts are excluded (idcite, achatpublic.info).
        if (input.DefenceOrSecurity)
        {
            return new(false, null, "Les marchés de défense ou de sécurité sont exclus de l'obligation de la loi Climat et résilience.");
        }

        if (input.LaunchDate is not { } launch)
        {
            return new(false, null, "Obligation non évaluée : date de lancement inconnue.");
        }

        if (launch < entryIntoForce)
        {
            return new(false, null,
                $"Consultation lancée le {Date(launch)}, avant l'entrée en vigueur de l'obligation de la loi Climat et résilience le {Date(entryIntoForce)} : l'obligation ne s'applique pas.");
        }

        if (EuThresholds.At(thresholds, launch) is not { } row)
        {
            return new(false, null, $"Obligation non évaluée : aucun seuil européen connu au {Date(launch)}.");
        }

        decimal threshold;
        string which;
        if (input.ContractKind == ContractKind.Concession)
        {
            // Directive 2014/23 art. 8: the concession threshold equals the works threshold (5 538 000 € in 2024–2025), whatever the category.
            (threshold, which) = (row.Works, "concessions");
        }
        else if (input.Category == PurchaseCategory.Travaux)
        {
            (threshold, which) = (row.Works, "travaux");
        }
        else if (input.Category is PurchaseCategory.Services or PurchaseCategory.Fournitures)
        {
            // R13 (legal-rules §1.6): the lower State threshold applies to central government only; hospitals, social landlords,
            // local authorities and other buyers use the local threshold [UNCERTAIN for hospitals — verify the buyer's status].
            (threshold, which) = input.OrganisationKind == OrganisationKind.Etat
                ? (row.SuppliesServicesState, "fournitures et services de l'État")
                : (row.SuppliesServicesLocal, "fournitures et services des collectivités et autres acheteurs");
        }
        else
        {
            return new(false, null, $"Obligation non évaluée : catégorie d'achat inconnue « {input.Category} ».");
        }

        if (input.EstimatedAmountHt >= threshold)
        {
            return new(true, threshold,
                $"Montant estimé de {Euros.Format(input.EstimatedAmountHt)}, supérieur ou égal au seuil européen de {Euros.Format(threshold)} ({which}) "
                + $"en vigueur le {Date(launch)} : une condition d'exécution à caractère social ou relative à l'emploi est requise, "
                + "sauf exception motivée (loi Climat et résilience, art. 35).");
        }

        return new(false, threshold,
            $"Montant estimé de {Euros.Format(input.EstimatedAmountHt)}, inférieur au seuil européen de {Euros.Format(threshold)} ({which}) "
            + $"en vigueur le {Date(launch)} : l'obligation de la loi Climat et résilience ne s'applique pas.");
    }

    // French dates: "1er janvier 2026", "22 août 2026".
    private static string Date(DateOnly date) =>
        date.Day == 1 ? "1er " + date.ToString("MMMM yyyy", French) : date.ToString("d MMMM yyyy", French);
}
