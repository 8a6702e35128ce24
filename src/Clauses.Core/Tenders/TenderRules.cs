using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Reservations;
using Clauses.Core.Siae;

namespace Clauses.Core.Tenders;

/// <summary>A reserved lot published as a tender, as a buyer enters it.</summary>
public sealed record TenderInput(
    string? Title, string? Summary, string? Description, string? Reservation, IReadOnlyCollection<string> Sectors,
    IReadOnlyCollection<string> Departements, DateTimeOffset? DeadlineAt, string? DocumentsUrl, decimal? AmountHt);

public static class TenderRules
{
    public static ValidationErrors Validate(TenderInput t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var errors = new ValidationErrors();
        TextRules.Required(errors, "title", t.Title, 300, "L'objet de l'appel d'offres est obligatoire.", "L'objet ne doit pas dépasser 300 caractères.");
        if (t.Summary is { Length: > 2000 }) errors.Add("summary", "Le résumé ne doit pas dépasser 2 000 caractères.");
        if (t.Description is { Length: > 10000 }) errors.Add("description", "La description ne doit pas dépasser 10 000 caractères.");
        if (t.Reservation is null || !ReservationRules.IsReservation(t.Reservation))
            errors.Add("reservation", "Indiquez l'article de réservation du lot (L2113-12, L2113-13, L2113-13-1 ou L2113-15).");
        foreach (var sector in t.Sectors.Where(s => !SiaeSector.Terms.IsKnown(s)))
            errors.Add("sectors", $"Secteur inconnu : « {sector} ».");
        foreach (var departement in t.Departements.Where(d => !Departement.IsValid(d)))
            errors.Add("departements", $"Département inconnu : « {departement} ».");
        if (t.DeadlineAt is null) errors.Add("deadlineAt", "La date limite de réponse est obligatoire.");
        if (t.DocumentsUrl is { Length: > 0 } url
            && (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add("documentsUrl", "Le lien vers les documents de la consultation doit être une adresse http(s) valide.");
        if (t.AmountHt is { } amount) AmountRules.Check(errors, "amountHt", amount);
        return errors;
    }

    /// <summary>
    /// Publishing needs a future deadline and the lot's recorded reservation: the notice must state the
    /// reservation and its article (R2113-7), which the relevance analysis of the lot carries.
    /// </summary>
    public static ValidationErrors ValidatePublication(TenderInput t, IReadOnlyCollection<string> lotInstruments, DateTimeOffset now)
    {
        var errors = Validate(t);
        if (t.DeadlineAt is { } deadline && deadline <= now.AddDays(1))
            errors.Add("deadlineAt", "La date limite doit laisser au moins un jour pour répondre.");
        if (t.Reservation is { } reservation && ReservationRules.IsReservation(reservation) && !lotInstruments.Contains(reservation))
            errors.Add("reservation", "L'analyse de pertinence du lot ne retient pas cette réservation : enregistrez-la d'abord dans l'analyse.");
        errors.Merge(ReservationRules.ValidateCombination(lotInstruments.Where(ReservationRules.IsReservation).ToList(), isConcession: false));
        return errors;
    }

    /// <summary>Which kinds of structure may answer a lot reserved under an article (L2113-12: EA/ESAT; L2113-13: SIAE; L2113-15: ESS).</summary>
    public static bool KindMayAnswer(string reservation, string siaeKind) => reservation switch
    {
        Instrument.ReserveL2113_12 => siaeKind is SiaeKind.Ea or SiaeKind.Eatt or SiaeKind.Esat,
        Instrument.ReserveL2113_13 => siaeKind is SiaeKind.Ei or SiaeKind.Etti or SiaeKind.Ai or SiaeKind.Aci or SiaeKind.Eiti,
        // Every structure of the directory belongs to the social and solidarity economy.
        Instrument.ReserveL2113_15 => true,
        // Prison work (L2113-13-1) is not done by the directory's structures.
        _ => false,
    };

    /// <summary>
    /// How well an SIAE fits a tender, for alerts and for ordering its page: 0 = not eligible;
    /// otherwise 1 + 2 if a sector matches (or the tender names none) + 1 if it works in one of the
    /// tender's départements (or either side names none).
    /// </summary>
    public static int Match(string reservation, IReadOnlyCollection<string> tenderSectors, IReadOnlyCollection<string> tenderDepartements,
        string siaeKind, IReadOnlyCollection<string> siaeSectors, IReadOnlyCollection<string> siaeDepartements)
    {
        if (!KindMayAnswer(reservation, siaeKind)) return 0;
        var score = 1;
        if (tenderSectors.Count == 0 || tenderSectors.Any(siaeSectors.Contains)) score += 2;
        if (tenderDepartements.Count == 0 || siaeDepartements.Count == 0 || tenderDepartements.Any(siaeDepartements.Contains)) score += 1;
        return score;
    }

    /// <summary>An alert goes to an SIAE that may answer and works in the tender's sector and territory.</summary>
    public const int AlertScore = 4;
}
