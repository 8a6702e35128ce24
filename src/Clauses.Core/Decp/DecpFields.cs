using Clauses.Core.Contracts;
using Clauses.Core.Relevance;

namespace Clauses.Core.Decp;

/// <summary>
/// How the DECP 2024 fields that Clauses does not record are derived (schema_decp_v2.0.3.json). Every value is
/// one of the schema's enum values; each convention is stated where it is chosen so a buyer can check it.
/// </summary>
public static class DecpFields
{
    /// <summary>Schema: <c>id</c> and <c>idAccordCadre</c> are 1 to 16 characters.</summary>
    public const int IdentifierMaxLength = 16;

    /// <summary>The "nothing particular" value of <c>techniques.technique</c> and <c>modalitesExecution.modaliteExecution</c>.</summary>
    public const string SansObjet = "Sans objet";

    public const string PasDeGroupement = "Pas de groupement";
    public const string PasDeConsiderationEnvironnementale = "Pas de considération environnementale";
    public const string CodeDepartement = "Code département";
    public const string Siret = "SIRET";

    /// <summary>R2191-3 of the Code de la commande publique: an advance is due above 50 000 € HT and two months.</summary>
    public const decimal AdvanceThreshold = 50_000m;

    /// <summary>
    /// <c>dureeMois</c>: the months, rounded up, from the start of execution to its last day inclusive (at least 1).
    /// 2025-01-01 → 2027-06-30 is 30 months; 2025-01-15 → 2025-02-10 is 1.
    /// </summary>
    /// <exception cref="ArgumentException">The end is before the start.</exception>
    public static int DurationMonths(DateOnly start, DateOnly end)
    {
        if (end < start) throw new ArgumentException("The end of execution is before its start.", nameof(end));
        var after = end.AddDays(1);
        var months = ((after.Year - start.Year) * 12) + after.Month - start.Month;
        if (start.AddMonths(months) > after) months--;
        if (start.AddMonths(months) < after) months++;
        return Math.Max(1, months);
    }

    /// <summary><c>nature</c> of a marché: defence or security contracts have their own value.</summary>
    public static string MarcheNature(bool defenceSecurity) => defenceSecurity ? "Marché de défense ou de sécurité" : "Marché";

    /// <summary>
    /// <c>nature</c> of a contrat de concession. Clauses records the category, not the concession's legal form:
    /// works → "Concession de travaux"; otherwise the generic "Concession de service" (a buyer whose contract is a
    /// DSP must say so in the published file: Clauses does not know it).
    /// </summary>
    public static string ConcessionNature(string category) =>
        category == PurchaseCategory.Travaux ? "Concession de travaux" : "Concession de service";

    /// <summary>
    /// <c>techniques.technique</c>: an accord-cadre is published with the "Accord-cadre" technique; for any other
    /// marché Clauses records no technique (concours, SAD…), so "Sans objet".
    /// </summary>
    public static string Technique(string contractKind) => contractKind == ContractKind.AccordCadre ? "Accord-cadre" : SansObjet;

    /// <summary>
    /// <c>ccag</c>: the CCAG a buyer references by default for the category (CCAG-Travaux 2021, CCAG-FCS 2021).
    /// Clauses does not record it; PI and TIC services are published as FCS unless corrected.
    /// </summary>
    public static string Ccag(string category) =>
        category == PurchaseCategory.Travaux ? "Travaux" : "Fournitures courantes et services";

    /// <summary>
    /// <c>formePrix</c>: an accord-cadre is executed through orders on unit prices ("Unitaire"); a marché is
    /// taken as lump-sum ("Forfaitaire"). Clauses does not record the price form.
    /// </summary>
    public static string FormePrix(string contractKind) => contractKind == ContractKind.AccordCadre ? "Unitaire" : "Forfaitaire";

    /// <summary>
    /// <c>typesPrix.typePrix</c>: Clauses does not record the price type. Convention: a contract executed over more
    /// than three months is taken to carry a revision clause (the Code de la commande publique requires one for
    /// contracts over three months exposed to raw-material prices, and it is the usual practice), so "Définitif
    /// révisable"; three months or less, "Définitif ferme".
    /// </summary>
    public static string TypePrix(int durationMonths) => durationMonths > 3 ? "Définitif révisable" : "Définitif ferme";

    /// <summary>
    /// <c>attributionAvance</c>: R2191-3 of the Code makes the advance due when the initial amount exceeds
    /// 50 000 € HT and the execution exceeds two months (unless the holder waives it, which Clauses does not record).
    /// </summary>
    public static bool AttributionAvance(decimal amountHt, int durationMonths) => amountHt > AdvanceThreshold && durationMonths > 2;

    /// <summary>
    /// <c>procedure</c> of a marché. Clauses does not record the procedure: from the EU threshold in force on the
    /// notification date (R13 table) it is "Appel d'offres ouvert" at or above it, "Procédure adaptée" below.
    /// A State buyer ("etat") uses the central-government supplies and services threshold.
    /// </summary>
    public static string MarcheProcedure(string category, decimal amountHt, DateOnly notifiedOn, string organisationKind,
        IReadOnlyList<EuThreshold>? thresholds = null)
    {
        var row = EuThresholds.At(thresholds ?? EuThresholds.Default, notifiedOn)
            ?? EuThresholds.Default[^1];
        var threshold = category == PurchaseCategory.Travaux ? row.Works
            : organisationKind == "etat" ? row.SuppliesServicesState
            : row.SuppliesServicesLocal;
        return amountHt >= threshold ? "Appel d'offres ouvert" : "Procédure adaptée";
    }

    /// <summary>
    /// <c>procedure</c> of a contrat de concession: Clauses does not record it; concessions are awarded after
    /// negotiation with an open call for candidates in the usual case, hence "Procédure négociée ouverte".
    /// </summary>
    public const string ConcessionProcedure = "Procédure négociée ouverte";

    /// <summary><c>id</c>: the contract's reference, usable when it has 1 to 16 characters once trimmed.</summary>
    public static bool IsPublishableIdentifier(string reference) =>
        !string.IsNullOrWhiteSpace(reference) && reference.Trim().Length <= IdentifierMaxLength;

    /// <summary>
    /// <c>codeCPV</c>: the schema pattern is <c>^[0-9]{8}(-[0-9])?$</c> and recommends omitting the check digit,
    /// so "45210000-2" is published as "45210000".
    /// </summary>
    public static string CpvWithoutCheckDigit(string cpv)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cpv);
        var trimmed = cpv.Trim();
        return trimmed.Length > 8 ? trimmed[..8] : trimmed;
    }
}
