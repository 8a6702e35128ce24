using Clauses.Core.Common;

namespace Clauses.Core.Hours;

/// <summary>How the hours of an SIAE subcontract are obtained. Codes match hour_records.counting_method.</summary>
// R22 (legal-rules §7): attested hours (preferred) or conversion of the invoiced amount; the method is stored on the record.
public static class CountingMethod
{
    public const string HeuresAttestees = "heures_attestees";
    public const string ConversionMontant = "conversion_montant";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(HeuresAttestees, "Heures attestées"),
        new(ConversionMontant, "Conversion du montant facturé HT en heures"),
    ]);

    /// <summary>True for the modalities whose hours may be converted from an invoiced amount (SIAE subcontracting and co-contracting).</summary>
    // R22 (legal-rules §7): conversion applies to SOUS_TRAITANCE_SIAE / COTRAITANCE_SIAE.
    public static bool AllowsConversion(string? modality) => modality is Modality.SousTraitanceSiae or Modality.CotraitanceSiae;
}
