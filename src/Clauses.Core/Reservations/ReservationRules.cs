using Clauses.Core.Clauses;
using Clauses.Core.Common;

namespace Clauses.Core.Reservations;

/// <summary>Legal checks of reserved contracts and lots (R9, R10).</summary>
public static class ReservationRules
{
    /// <summary>Minimum share of disabled, disadvantaged or detained workers of an operator eligible to a reservation.</summary>
    // R9 (legal-rules §1.3): R2113-7, minimum proportion of at least 50 % for L2113-12, L2113-13 and L2113-13-1.
    public const decimal MinimumDisadvantagedShare = 0.50m;

    /// <summary>Longest ESS-reserved contract, in months.</summary>
    // R10 (legal-rules §1.3): L2113-16, maximum duration 3 years (hosmoz).
    public const int EssMaxDurationMonths = 36;

    /// <summary>True for the reservation instruments (L2113-12, L2113-13, L2113-13-1, L2113-15).</summary>
    public static bool IsReservation(string instrument) =>
        instrument is Instrument.ReserveL2113_12 or Instrument.ReserveL2113_13 or Instrument.ReserveL2113_13_1 or Instrument.ReserveL2113_15;

    /// <summary>Checks that the reservations chosen for one lot may be combined (field "instruments").
    /// Non-reservation and unknown codes are ignored here; duplicates count once.</summary>
    public static ValidationErrors ValidateCombination(IReadOnlyCollection<string> instruments, bool isConcession)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var errors = new ValidationErrors();
        var has12 = instruments.Contains(Instrument.ReserveL2113_12, StringComparer.Ordinal);
        var has13 = instruments.Contains(Instrument.ReserveL2113_13, StringComparer.Ordinal);
        var has13_1 = instruments.Contains(Instrument.ReserveL2113_13_1, StringComparer.Ordinal);
        var has15 = instruments.Contains(Instrument.ReserveL2113_15, StringComparer.Ordinal);

        // R9 (legal-rules §1.3): L2113-14, a lot reserved to L2113-13-1 operators may not also be reserved to other operators.
        if (has13_1 && (has12 || has13 || has15))
        {
            errors.Add("instruments",
                "Un lot réservé au travail pénitentiaire (L2113-13-1) ne peut pas être réservé en même temps à d'autres opérateurs (L2113-14).");
        }

        // R9 (legal-rules §1.3): L2113-14 only allows combining L2113-12 and L2113-13; the code provides no combination
        // of the ESS reservation (L2113-15) with another reservation, so it is refused [UNCERTAIN — verify on Légifrance].
        if (has15 && (has12 || has13))
        {
            errors.Add("instruments",
                "La réservation aux entreprises de l'économie sociale et solidaire (L2113-15) ne peut pas être combinée avec une autre réservation.");
        }

        if (isConcession)
        {
            // R9 (legal-rules §1.3): L3113-3 as stored forbids reserving a concession both to L3113-1 (EA/ESAT) and
            // L3113-2 (SIAE) operators [UNCERTAIN: it may have been aligned on L2113-14 after the loi ASAP — verify on Légifrance].
            if (has12 && has13)
            {
                errors.Add("instruments",
                    "Une concession ne peut pas être réservée à la fois aux entreprises adaptées et ESAT (L3113-1) et aux structures d'insertion (L3113-2) (L3113-3).");
            }

            // L3113-1 to L3113-2-1 have no ESS reservation: Directive 2014/23 art. 24 reserves concessions to sheltered
            // workshops and social-integration operators only; the ESS reservation is Directive 2014/24 art. 77 (marchés).
            if (has15)
            {
                errors.Add("instruments",
                    "La réservation aux entreprises de l'économie sociale et solidaire (L2113-15) n'existe que pour les marchés publics, pas pour les concessions.");
            }
        }

        return errors;
    }

    /// <summary>Checks the conditions of an ESS reservation (fields "exclusivelySocialServices", "durationMonths").</summary>
    public static ValidationErrors ValidateEss(bool exclusivelySocialServices, int? durationMonths)
    {
        var errors = new ValidationErrors();
        // R10 (legal-rules §1.3): L2113-15, only for contracts or lots bearing exclusively on « services sociaux et autres services spécifiques ».
        if (!exclusivelySocialServices)
        {
            errors.Add("exclusivelySocialServices",
                "La réservation aux entreprises de l'ESS n'est possible que si le marché ou le lot porte exclusivement sur des services sociaux et autres services spécifiques (L2113-15).");
        }

        // R10 (legal-rules §1.3): L2113-16, maximum duration 3 years.
        if (durationMonths is not { } months)
        {
            errors.Add("durationMonths",
                $"La durée du marché est obligatoire pour une réservation aux entreprises de l'ESS ({EssMaxDurationMonths} mois au plus, L2113-16).");
        }
        else if (months <= 0)
        {
            errors.Add("durationMonths", "La durée du marché doit être d'au moins un mois.");
        }
        else if (months > EssMaxDurationMonths)
        {
            errors.Add("durationMonths",
                $"Un marché réservé aux entreprises de l'ESS ne peut pas durer plus de {EssMaxDurationMonths} mois (L2113-16).");
        }

        return errors;
    }
}
