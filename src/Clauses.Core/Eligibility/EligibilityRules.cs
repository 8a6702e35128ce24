using Clauses.Core.Common;

namespace Clauses.Core.Eligibility;

/// <summary>Defaults of the eligibility rules (configurable per organisation and clause).</summary>
public static class EligibilityDefaults
{
    /// <summary>How long a validation stays valid, in months.</summary>
    // R19 (legal-rules §7): a person stays countable for a configurable period, default 24 months [UNCERTAIN in the sources].
    public const int ValidityMonths = 24;

    /// <summary>Maximum length of the prescriber's name and of the evidence reference (database text checks).</summary>
    public const int TextMaxLength = 200;
}

/// <summary>A facilitator's recorded validation of a participant.</summary>
/// <param name="Criteria">Criterion codes (<see cref="Criterion"/>) the facilitator checked.</param>
/// <param name="Basis"><see cref="ValidationBasis.Critere"/> or <see cref="ValidationBasis.AvisPrescripteur"/>.</param>
/// <param name="ValidatedOn">Day of the validation: it applies to a start on or after that day.</param>
/// <param name="ValidUntil">Last day (inclusive) on which a start is covered.</param>
public sealed record EligibilityValidation(IReadOnlyCollection<string> Criteria, string Basis, DateOnly ValidatedOn, DateOnly ValidUntil);

/// <summary>What the eligibility of one participant for one clause depends on.</summary>
/// <param name="BirthDate">Needed by the age criteria; null when unknown.</param>
/// <param name="StartDate">First day of the participant's work on the contract.</param>
/// <param name="Validations">The participant's recorded validations, in any order.</param>
/// <param name="ClauseCriteria">The clause's list of publics; empty means the default list (every criterion).</param>
public sealed record EligibilityInput(
    DateOnly? BirthDate, DateOnly StartDate, IReadOnlyCollection<EligibilityValidation> Validations, IReadOnlyCollection<string> ClauseCriteria);

/// <summary>Outcome of <see cref="EligibilityRules.Evaluate"/>.</summary>
/// <param name="MatchedCriteria">Criteria of <paramref name="Validation"/> that match the clause (empty when not eligible).</param>
/// <param name="Validation">The validation that makes the participant eligible (the most recent one when several do); null when not eligible.</param>
/// <param name="Reason">Why the participant is not eligible, in French; null when eligible.</param>
public sealed record EligibilityResult(bool Eligible, IReadOnlyList<string> MatchedCriteria, EligibilityValidation? Validation, string? Reason);

/// <summary>Eligibility of a participant at the start of their work on a contract, and validation of a facilitator's record.</summary>
public static class EligibilityRules
{
    /// <summary>Age strictly below which <see cref="Criterion.JeuneSansQualification"/> applies.</summary>
    public const int YoungAgeLimit = 26;

    /// <summary>Age from which <see cref="Criterion.Senior50"/> applies.</summary>
    public const int SeniorAge = 50;

    /// <summary>Eligible when a validation recorded on or before the start date, still valid that day, carries at least one
    /// criterion of the clause's list; the age criteria must also hold at the start date.</summary>
    // R16 (legal-rules §7): counts only if, at the start date on the contract, ≥ 1 category of the clause's list is met and a validation is recorded.
    public static EligibilityResult Evaluate(EligibilityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = input.StartDate;
        var clauseCriteria = input.ClauseCriteria ?? [];
        var validations = input.Validations ?? [];
        // R17 (legal-rules §7): age in calendar years at the start date; unknown (or later than the start) birth date = no age criterion.
        int? age = input.BirthDate is { } birth && birth <= start ? Age.At(birth, start) : null;

        EligibilityValidation? best = null;
        List<string>? bestMatched = null;
        var anyInForce = false;
        DateOnly? firstLater = null;
        DateOnly? lastExpired = null;
        string? ageReason = null;

        foreach (var v in validations)
        {
            if (v.ValidatedOn > start)
            {
                firstLater = firstLater is { } f && f <= v.ValidatedOn ? f : v.ValidatedOn;
                continue;
            }

            if (v.ValidUntil < start)
            {
                lastExpired = lastExpired is { } l && l >= v.ValidUntil ? l : v.ValidUntil;
                continue;
            }

            anyInForce = true;
            var matched = new List<string>();
            foreach (var code in CriteriaOf(v))
            {
                if (matched.Contains(code) || !InClause(code, clauseCriteria))
                {
                    continue;
                }

                if (AgeMismatch(code, age, start) is { } why)
                {
                    ageReason ??= why;
                    continue;
                }

                matched.Add(code);
            }

            if (matched.Count > 0 && (best is null || v.ValidatedOn > best.ValidatedOn))
            {
                best = v;
                bestMatched = matched;
            }
        }

        if (best is not null)
        {
            return new EligibilityResult(true, bestMatched!.AsReadOnly(), best, null);
        }

        var reason =
            validations.Count == 0 ? "Aucune validation d'éligibilité n'est enregistrée pour ce participant."
            : anyInForce ? ageReason ?? "Aucun critère de la validation d'éligibilité ne figure dans la liste des publics de la clause."
            : firstLater is { } later
                ? $"La validation d'éligibilité du {FrenchDates.Format(later)} est postérieure à la date de début ({FrenchDates.Format(start)}) : les heures ne comptent qu'à partir d'une validation antérieure ou égale au début du parcours."
                : $"La validation d'éligibilité a expiré le {FrenchDates.Format(lastExpired!.Value)}, avant la date de début ({FrenchDates.Format(start)}).";
        return new EligibilityResult(false, [], null, reason);
    }

    /// <summary>Last day covered by a validation made on <paramref name="validatedOn"/>: the day before the same date
    /// <paramref name="validityMonths"/> months later, or the last day of that month when it has no such date
    /// (31 January + 1 month → 29 February in a leap year; 29 February 2024 + 24 months → 28 February 2026).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validityMonths"/> is not positive.</exception>
    // R19 (legal-rules §7): eligibility lasts a configurable number of months (default 24), counted date to date.
    public static DateOnly DefaultValidUntil(DateOnly validatedOn, int validityMonths = EligibilityDefaults.ValidityMonths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validityMonths);
        var anniversary = validatedOn.AddMonths(validityMonths);
        // AddMonths clamps 29-31 to the month's last day: that day is then the last one covered.
        return anniversary.Day != validatedOn.Day ? anniversary : anniversary.AddDays(-1);
    }

    /// <summary>Errors of a validation the facilitator records (fields criteria, basis, prescriberKind, prescriberName,
    /// evidenceReference, validatedOn).</summary>
    // R16 (legal-rules §7): a validation has a date, a basis (criterion or avis motivé of a named prescriber) and evidence references.
    public static ValidationErrors ValidateValidation(
        IReadOnlyCollection<string> criteria, string? basis, string? prescriberKind, string? prescriberName, string? evidenceReference,
        DateOnly? validatedOn, DateOnly today)
    {
        var errors = new ValidationErrors();
        criteria ??= [];
        if (criteria.Count == 0)
        {
            errors.Add("criteria", "Au moins un critère d'éligibilité est obligatoire.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in criteria)
        {
            if (!Criterion.Terms.IsKnown(code))
            {
                errors.Add("criteria", $"Critère inconnu : « {code} ». Valeurs admises : {Criterion.Terms.CodesText}.");
            }
            else if (!seen.Add(code))
            {
                errors.Add("criteria", $"Le critère « {code} » est indiqué plusieurs fois.");
            }
        }

        TextRules.KnownCode(errors, "basis", basis, ValidationBasis.Terms, "la base de la validation");
        if (basis == ValidationBasis.AvisPrescripteur)
        {
            // legal-rules §3.1 (CIE84): other people may be validated on the motivated opinion of a named prescriber.
            TextRules.KnownCode(errors, "prescriberKind", prescriberKind, PrescriberKind.Terms, "le type de prescripteur");
            TextRules.Required(errors, "prescriberName", prescriberName, EligibilityDefaults.TextMaxLength,
                "Le nom du prescripteur est obligatoire pour une validation sur avis motivé.",
                $"Le nom du prescripteur ne doit pas dépasser {EligibilityDefaults.TextMaxLength} caractères.");
        }
        else
        {
            if (!string.IsNullOrEmpty(prescriberKind))
            {
                TextRules.KnownCode(errors, "prescriberKind", prescriberKind, PrescriberKind.Terms, "le type de prescripteur");
            }

            if (prescriberName is { Length: > EligibilityDefaults.TextMaxLength })
            {
                errors.Add("prescriberName", $"Le nom du prescripteur ne doit pas dépasser {EligibilityDefaults.TextMaxLength} caractères.");
            }

            if (basis == ValidationBasis.Critere && criteria.Count > 0 && criteria.All(c => c == Criterion.AvisPrescripteur))
            {
                errors.Add("criteria", "Une validation sur critère doit indiquer au moins un critère autre que l'avis motivé d'un prescripteur.");
            }
        }

        if (evidenceReference is { Length: > EligibilityDefaults.TextMaxLength })
        {
            errors.Add("evidenceReference", $"La référence du justificatif ne doit pas dépasser {EligibilityDefaults.TextMaxLength} caractères.");
        }

        if (validatedOn is not { } on)
        {
            errors.Add("validatedOn", "La date de validation est obligatoire.");
        }
        else if (on > today)
        {
            errors.Add("validatedOn", "La date de validation ne peut pas être dans le futur.");
        }

        return errors;
    }

    /// <summary>The validation's criteria; a validation on a prescriber's opinion also carries the criterion
    /// <see cref="Criterion.AvisPrescripteur"/> (the default list's "validation sur avis motivé").</summary>
    private static IEnumerable<string> CriteriaOf(EligibilityValidation v)
    {
        foreach (var code in v.Criteria ?? [])
        {
            yield return code;
        }

        if (v.Basis == ValidationBasis.AvisPrescripteur)
        {
            yield return Criterion.AvisPrescripteur;
        }
    }

    private static bool InClause(string code, IReadOnlyCollection<string> clauseCriteria) =>
        clauseCriteria.Count == 0 ? Criterion.Terms.IsKnown(code) : clauseCriteria.Contains(code, StringComparer.Ordinal);

    /// <summary>Why an age criterion does not hold at the start date, or null when it holds (or is not an age criterion).</summary>
    // R17 (legal-rules §7): young = age < 26 at start; senior = age ≥ 50.
    private static string? AgeMismatch(string code, int? age, DateOnly start)
    {
        var isYoung = code == Criterion.JeuneSansQualification;
        if (!isYoung && code != Criterion.Senior50)
        {
            return null;
        }

        var what = isYoung ? $"jeune de moins de {YoungAgeLimit} ans" : $"senior de {SeniorAge} ans ou plus";
        if (age is not { } years)
        {
            return $"Le critère « {what} » ne peut pas être vérifié : la date de naissance est inconnue ou postérieure à la date de début.";
        }

        if (isYoung ? years < YoungAgeLimit : years >= SeniorAge)
        {
            return null;
        }

        return $"Le critère « {what} » ne s'applique pas : le participant a {years} ans à la date de début ({FrenchDates.Format(start)}).";
    }
}
