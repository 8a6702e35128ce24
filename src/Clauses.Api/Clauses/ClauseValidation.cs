using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Hours;
using Clauses.Core.Reservations;
using Clauses.Core.Sizing;

namespace Clauses.Api.Clauses;

/// <summary>Checks a clause request with the Core rules of its instrument and computes what is stored.</summary>
public static class ClauseValidation
{
    public sealed record Outcome(ValidationErrors Errors, SizingResult? Sizing, decimal? TargetHours);

    public static Outcome Check(ClauseRequest r, IReadOnlyCollection<string> otherInstrumentsOnLot, bool isConcession)
    {
        var errors = new ValidationErrors();
        if (!Instrument.Terms.IsKnown(r.Instrument))
        {
            errors.Add("instrument", $"Indiquez l'instrument de la clause parmi : {Instrument.Terms.CodesText}.");
            return new Outcome(errors, null, null);
        }
        if (otherInstrumentsOnLot.Contains(r.Instrument!))
            errors.Add("instrument", "Ce lot porte déjà une clause de ce type : modifiez-la plutôt que d'en créer une seconde.");

        foreach (var code in (r.EligibleCriteria ?? []).Where(c => !Criterion.Terms.IsKnown(c)))
            errors.Add("eligibleCriteria", $"Public éligible inconnu : « {code} ».");
        foreach (var code in (r.AllowedModalities ?? []).Where(c => !Modality.Terms.IsKnown(c)))
            errors.Add("allowedModalities", $"Modalité de réalisation inconnue : « {code} ».");
        if (r.ReportingFrequency is not null && !ReportingFrequency.Terms.IsKnown(r.ReportingFrequency))
            errors.Add("reportingFrequency", $"Fréquence inconnue ; valeurs admises : {ReportingFrequency.Terms.CodesText}.");
        if (r.FacilitatorContact is { Length: > 500 })
            errors.Add("facilitatorContact", "Les coordonnées du facilitateur ne doivent pas dépasser 500 caractères.");
        if (r.PenaltyPerHour is < 0 or > 10_000)
            errors.Add("penaltyPerHour", "La pénalité par heure manquante doit être comprise entre 0 et 10 000 €.");
        if (r.PenaltyCap is { } cap) AmountRules.Check(errors, "penaltyCap", cap);

        var reservations = otherInstrumentsOnLot.Append(r.Instrument!).Where(ReservationRules.IsReservation).ToList();
        if (reservations.Count > 0)
            errors.Merge(ReservationRules.ValidateCombination(otherInstrumentsOnLot.Append(r.Instrument!).ToList(), isConcession));

        SizingResult? sizing = null;
        decimal? target = null;
        switch (r.Instrument)
        {
            case Instrument.ClauseExecution:
                // R1–R8: the execution clause is always sized by the formula, in hours or in % of hours worked.
                sizing = Sizer.Compute(ToSizingInput(r));
                errors.Merge(sizing.Errors);
                target = sizing.TargetHours;
                if (sizing.Errors.IsValid && target is null && r.SizingMode != SizingMode.PourcentageHeures)
                    errors.Add("insertionRate", "Une clause d'insertion sans volume chiffré est inopérante : indiquez de quoi calculer les heures.");
                break;
            case Instrument.CritereAttribution:
                // R11: in formal procedures the criterion carries a weight (R2152-12).
                errors.Merge(AwardCriterionRules.Validate(r.AwardWeight, formalProcedure: true));
                break;
            case Instrument.ClauseAlternative or Instrument.MarcheInsertion:
                // R14: a marché d'insertion is not sized by R1; an alternative clause states its hours directly.
                if (r.TargetHours is < 0 or > 10_000_000)
                    errors.Add("targetHours", "Le volume d'heures doit être compris entre 0 et 10 000 000.");
                target = r.TargetHours is { } h ? decimal.Round(h, 2) : null;
                break;
        }
        return new Outcome(errors, sizing, target);
    }

    public static SizingInput ToSizingInput(ClauseRequest r) => new(
        r.AmountHt, r.LabourShare, r.LabourShareSource ?? LabourShareSource.Saisie, r.InsertionRate, r.HourlyCost,
        r.SizingMode ?? SizingMode.HeuresFixes, r.RoundingMode ?? RoundingMode.DemiSuperieur,
        string.IsNullOrWhiteSpace(r.Preset) ? null : r.Preset, r.AllowedModalities ?? []);
}
