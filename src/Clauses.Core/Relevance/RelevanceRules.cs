using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Reservations;

namespace Clauses.Core.Relevance;

/// <summary>A lot's relevance analysis as entered by the buyer.</summary>
/// <param name="Outcome">A <see cref="RelevanceOutcome"/> code.</param>
/// <param name="Instruments"><see cref="Instrument"/> codes (pertinent only).</param>
/// <param name="Reason">A <see cref="RelevanceReason"/> code (non_pertinent only).</param>
/// <param name="Comment">Free comment; required when the reason is "autre".</param>
/// <param name="LoiClimatApplies">Result of <see cref="LoiClimat.Evaluate"/> for the contract.</param>
/// <param name="LoiClimatException">A <see cref="Relevance.LoiClimatException"/> code when no social execution condition is chosen.</param>
public sealed record RelevanceInput(string Outcome, IReadOnlyCollection<string> Instruments, string? Reason, string? Comment, bool LoiClimatApplies, string? LoiClimatException);

/// <summary>Validation of a relevance analysis (DOMAIN §2, R9, R12).</summary>
public static class RelevanceRules
{
    public const int CommentMaxLength = 2000;

    /// <summary>Validates with the default list of Loi Climat exceptions.</summary>
    public static ValidationErrors Validate(RelevanceInput input, bool isConcession) =>
        Validate(input, isConcession, LoiClimatException.Terms);

    /// <summary>Validates with an organisation's own list of Loi Climat exceptions (the list is configurable, R12).
    /// Fields: outcome, instruments, reason, comment, loiClimatException.</summary>
    public static ValidationErrors Validate(RelevanceInput input, bool isConcession, Vocabulary<Term> loiClimatExceptions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(loiClimatExceptions);
        var errors = new ValidationErrors();
        var instruments = input.Instruments ?? [];

        TextRules.KnownCode(errors, "outcome", input.Outcome, RelevanceOutcome.Terms, "le résultat de l'analyse");

        // DOMAIN §2 and relevance_analyses CHECK (migration 0003): pertinent ⇒ ≥ 1 instrument and no reason;
        // non_pertinent ⇒ a reason and no instrument ("Pas de considération sociale" is exclusive).
        if (input.Outcome == RelevanceOutcome.Pertinent)
        {
            if (instruments.Count == 0)
            {
                errors.Add("instruments", "Choisissez au moins un instrument lorsque l'analyse conclut à la pertinence.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var instrument in instruments)
            {
                if (!Instrument.Terms.IsKnown(instrument))
                {
                    errors.Add("instruments", $"Instrument inconnu : « {instrument} ». Valeurs admises : {Instrument.Terms.CodesText}.");
                }
                else if (!seen.Add(instrument))
                {
                    errors.Add("instruments", $"L'instrument « {Instrument.Terms.Label(instrument)} » est indiqué deux fois.");
                }
            }

            if (input.Reason is not null)
            {
                errors.Add("reason", "Aucun motif de non-pertinence ne doit être indiqué lorsque l'analyse conclut à la pertinence.");
            }

            // R9 (legal-rules §7): allowed reservation combinations (L2113-14; L3113-3 for concessions).
            errors.Merge(ReservationRules.ValidateCombination(instruments, isConcession));
        }
        else if (input.Outcome == RelevanceOutcome.NonPertinent)
        {
            TextRules.KnownCode(errors, "reason", input.Reason, RelevanceReason.Terms, "le motif de non-pertinence");
            if (instruments.Count > 0)
            {
                errors.Add("instruments", "Aucun instrument ne doit être choisi lorsque l'analyse conclut à l'absence de pertinence.");
            }

            if (input.Reason == RelevanceReason.Autre && string.IsNullOrWhiteSpace(input.Comment))
            {
                errors.Add("comment", "Précisez en commentaire le motif de non-pertinence « autre ».");
            }
        }

        if (input.Comment is { Length: > CommentMaxLength })
        {
            errors.Add("comment", $"Le commentaire ne doit pas dépasser {CommentMaxLength} caractères.");
        }

        // R12 (legal-rules §7): when the Loi Climat applies and no social execution condition is chosen, a recorded exception is required.
        var hasSocialCondition = input.Outcome == RelevanceOutcome.Pertinent && instruments.Any(IsSocialExecutionCondition);
        if (input.LoiClimatApplies && !hasSocialCondition)
        {
            if (string.IsNullOrEmpty(input.LoiClimatException))
            {
                errors.Add("loiClimatException",
                    "Le contrat dépasse le seuil européen (loi Climat et résilience) : retenez une condition d'exécution sociale "
                    + $"ou indiquez l'exception qui s'applique. Valeurs admises : {loiClimatExceptions.CodesText}.");
            }
        }

        if (!string.IsNullOrEmpty(input.LoiClimatException) && !loiClimatExceptions.IsKnown(input.LoiClimatException))
        {
            errors.Add("loiClimatException",
                $"Valeur inconnue pour l'exception loi Climat : « {input.LoiClimatException} ». Valeurs admises : {loiClimatExceptions.CodesText}.");
        }

        return errors;
    }

    /// <summary>True when the instrument is a social/employment execution condition for the Loi Climat obligation.</summary>
    // R12 (legal-rules §1.6): the obligation is met by an execution condition on social matters or employment. Counted:
    // clause_execution (L2112-2 condition), clause_alternative (an L2112-2 condition with other actions), marche_insertion
    // (insertion is the object, so the whole execution is the condition) and every reservation (L2112-2-1 is « sans préjudice »
    // of reserved contracts L2113-12 to L2113-16 [UNCERTAIN wording]). Not counted: critere_attribution (an award criterion, not an execution condition).
    public static bool IsSocialExecutionCondition(string instrument) =>
        instrument is Instrument.ClauseExecution or Instrument.ClauseAlternative or Instrument.MarcheInsertion
        || ReservationRules.IsReservation(instrument);

    /// <summary>True when the contract has at least one lot and every lot has a known relevance outcome.</summary>
    // DOMAIN §2 / §7 (seed 004, fiche 31): every contract is analysed; "contracts analysed ÷ all contracts" targets 100 %.
    public static bool ContractAnalysed(IReadOnlyCollection<string?> lotOutcomes)
    {
        ArgumentNullException.ThrowIfNull(lotOutcomes);
        return lotOutcomes.Count > 0 && lotOutcomes.All(RelevanceOutcome.Terms.IsKnown);
    }
}
