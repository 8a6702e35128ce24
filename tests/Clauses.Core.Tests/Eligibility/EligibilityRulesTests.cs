using Clauses.Core.Eligibility;

namespace Clauses.Core.Tests.Eligibility;

public class EligibilityRulesTests
{
    private static readonly DateOnly Start = new(2025, 6, 2);

    private static EligibilityValidation Validation(DateOnly on, params string[] criteria) =>
        new(criteria, ValidationBasis.Critere, on, EligibilityRules.DefaultValidUntil(on));

    private static EligibilityResult Evaluate(DateOnly start, DateOnly? birth, IReadOnlyCollection<string> clause, params EligibilityValidation[] validations) =>
        EligibilityRules.Evaluate(new EligibilityInput(birth, start, validations, clause));

    // --- R16: validation date and validity ---

    [Fact]
    public void A_validation_recorded_on_the_start_day_makes_the_person_eligible()
    {
        var v = Validation(Start, Criterion.Rsa);
        var result = Evaluate(Start, null, [], v);
        Assert.True(result.Eligible);
        Assert.Equal(["rsa"], result.MatchedCriteria);
        Assert.Same(v, result.Validation);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void A_validation_recorded_the_day_after_the_start_does_not_count()
    {
        var result = Evaluate(Start, null, [], Validation(Start.AddDays(1), Criterion.Rsa));
        Assert.False(result.Eligible);
        Assert.Empty(result.MatchedCriteria);
        Assert.Null(result.Validation);
        Assert.Equal("La validation d'éligibilité du 03/06/2025 est postérieure à la date de début (02/06/2025) : les heures ne comptent qu'à partir d'une validation antérieure ou égale au début du parcours.", result.Reason);
    }

    [Fact]
    public void A_start_on_the_last_valid_day_is_covered_and_the_next_day_is_not()
    {
        var v = new EligibilityValidation([Criterion.Rqth], ValidationBasis.Critere, new DateOnly(2023, 6, 2), new DateOnly(2025, 6, 1));
        Assert.True(Evaluate(new DateOnly(2025, 6, 1), null, [], v).Eligible);
        var late = Evaluate(new DateOnly(2025, 6, 2), null, [], v);
        Assert.False(late.Eligible);
        Assert.Equal("La validation d'éligibilité a expiré le 01/06/2025, avant la date de début (02/06/2025).", late.Reason);
    }

    [Fact]
    public void Default_validity_covers_24_months_to_the_day_before_the_anniversary()
    {
        var v = Validation(new DateOnly(2024, 1, 15), Criterion.Deld);
        Assert.Equal(new DateOnly(2026, 1, 14), v.ValidUntil);
        Assert.True(Evaluate(new DateOnly(2026, 1, 14), null, [], v).Eligible);
        Assert.False(Evaluate(new DateOnly(2026, 1, 15), null, [], v).Eligible);
    }

    [Fact]
    public void Without_any_validation_the_person_is_not_eligible()
    {
        var result = Evaluate(Start, new DateOnly(1990, 1, 1), []);
        Assert.False(result.Eligible);
        Assert.Equal("Aucune validation d'éligibilité n'est enregistrée pour ce participant.", result.Reason);
    }

    [Fact]
    public void The_most_recent_validation_in_force_is_the_one_returned()
    {
        var older = Validation(new DateOnly(2024, 9, 1), Criterion.Rsa);
        var newer = Validation(new DateOnly(2025, 3, 1), Criterion.Rqth, Criterion.Rsa);
        var future = Validation(new DateOnly(2025, 7, 1), Criterion.Deld);
        var result = Evaluate(Start, null, [], older, future, newer);
        Assert.Same(newer, result.Validation);
        Assert.Equal(["rqth", "rsa"], result.MatchedCriteria);
    }

    [Fact]
    public void An_expired_validation_does_not_hide_one_in_force()
    {
        var expired = new EligibilityValidation([Criterion.Rsa], ValidationBasis.Critere, new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31));
        var current = Validation(new DateOnly(2025, 1, 10), Criterion.Ass);
        Assert.Same(current, Evaluate(Start, null, [], expired, current).Validation);
    }

    // --- R16: the clause's list ---

    [Fact]
    public void Only_the_criteria_of_the_clause_list_are_matched()
    {
        var result = Evaluate(Start, null, [Criterion.Rqth, Criterion.ResidantQpv], Validation(Start, Criterion.Rsa, Criterion.ResidantQpv, Criterion.ResidantQpv));
        Assert.True(result.Eligible);
        Assert.Equal(["residant_qpv"], result.MatchedCriteria);
    }

    [Fact]
    public void A_validation_without_any_criterion_of_the_clause_does_not_count()
    {
        var result = Evaluate(Start, null, [Criterion.Rqth], Validation(Start, Criterion.Rsa));
        Assert.False(result.Eligible);
        Assert.Equal("Aucun critère de la validation d'éligibilité ne figure dans la liste des publics de la clause.", result.Reason);
    }

    [Fact]
    public void An_empty_clause_list_means_every_criterion_of_the_default_list_but_not_unknown_codes()
    {
        Assert.True(Evaluate(Start, null, [], Validation(Start, Criterion.EpideE2c)).Eligible);
        Assert.False(Evaluate(Start, null, [], Validation(Start, "inexistant")).Eligible);
    }

    [Fact]
    public void A_validation_on_a_prescriber_opinion_matches_the_avis_prescripteur_criterion()
    {
        var v = new EligibilityValidation([Criterion.Rqth], ValidationBasis.AvisPrescripteur, Start, EligibilityRules.DefaultValidUntil(Start));
        var result = Evaluate(Start, null, [Criterion.AvisPrescripteur], v);
        Assert.True(result.Eligible);
        Assert.Equal(["avis_prescripteur"], result.MatchedCriteria);
        Assert.False(Evaluate(Start, null, [Criterion.AvisPrescripteur], Validation(Start, Criterion.Rqth)).Eligible);
    }

    // --- R17: age criteria at the start date ---

    [Fact]
    public void A_young_person_counts_the_day_before_the_26th_birthday_but_not_on_it()
    {
        var birth = new DateOnly(1999, 6, 2);
        var v = Validation(new DateOnly(2025, 1, 6), Criterion.JeuneSansQualification);
        var before = Evaluate(new DateOnly(2025, 6, 1), birth, [], v);
        Assert.True(before.Eligible);
        Assert.Equal(["jeune_sans_qualification"], before.MatchedCriteria);
        var on = Evaluate(new DateOnly(2025, 6, 2), birth, [], v);
        Assert.False(on.Eligible);
        Assert.Equal("Le critère « jeune de moins de 26 ans » ne s'applique pas : le participant a 26 ans à la date de début (02/06/2025).", on.Reason);
    }

    [Fact]
    public void A_senior_counts_from_the_50th_birthday_not_the_day_before()
    {
        var birth = new DateOnly(1975, 6, 2);
        var v = Validation(new DateOnly(2025, 1, 6), Criterion.Senior50);
        var before = Evaluate(new DateOnly(2025, 6, 1), birth, [], v);
        Assert.False(before.Eligible);
        Assert.Equal("Le critère « senior de 50 ans ou plus » ne s'applique pas : le participant a 49 ans à la date de début (01/06/2025).", before.Reason);
        Assert.True(Evaluate(new DateOnly(2025, 6, 2), birth, [], v).Eligible);
    }

    [Fact]
    public void A_person_born_on_29_February_turns_26_and_50_on_1_March_in_non_leap_years()
    {
        var young = Validation(new DateOnly(2025, 1, 6), Criterion.JeuneSansQualification);
        Assert.True(Evaluate(new DateOnly(2026, 2, 28), new DateOnly(2000, 2, 29), [], young).Eligible);
        Assert.False(Evaluate(new DateOnly(2026, 3, 1), new DateOnly(2000, 2, 29), [], young).Eligible);
        var senior = Validation(new DateOnly(2025, 1, 6), Criterion.Senior50);
        Assert.False(Evaluate(new DateOnly(2026, 2, 28), new DateOnly(1976, 2, 29), [], senior).Eligible);
        Assert.True(Evaluate(new DateOnly(2026, 3, 1), new DateOnly(1976, 2, 29), [], senior).Eligible);
    }

    [Fact]
    public void Without_a_birth_date_an_age_criterion_cannot_match_but_another_criterion_can()
    {
        var ageOnly = Evaluate(Start, null, [], Validation(Start, Criterion.Senior50));
        Assert.False(ageOnly.Eligible);
        Assert.Equal("Le critère « senior de 50 ans ou plus » ne peut pas être vérifié : la date de naissance est inconnue ou postérieure à la date de début.", ageOnly.Reason);
        var withOther = Evaluate(Start, null, [], Validation(Start, Criterion.JeuneSansQualification, Criterion.ResidantQpv));
        Assert.True(withOther.Eligible);
        Assert.Equal(["residant_qpv"], withOther.MatchedCriteria);
    }

    [Fact]
    public void A_birth_date_after_the_start_date_cannot_satisfy_an_age_criterion() =>
        Assert.False(Evaluate(Start, Start.AddDays(1), [], Validation(Start, Criterion.JeuneSansQualification)).Eligible);

    [Fact]
    public void An_age_criterion_outside_the_clause_list_is_not_reported_as_the_reason()
    {
        var result = Evaluate(Start, new DateOnly(1960, 1, 1), [Criterion.Rqth], Validation(Start, Criterion.JeuneSansQualification));
        Assert.Equal("Aucun critère de la validation d'éligibilité ne figure dans la liste des publics de la clause.", result.Reason);
    }

    // --- R19: default validity ---

    [Theory]
    [InlineData("2024-01-15", 24, "2026-01-14")]
    [InlineData("2024-03-01", 24, "2026-02-28")]
    [InlineData("2024-02-29", 24, "2026-02-28")]
    [InlineData("2024-02-29", 48, "2028-02-28")]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2023-01-31", 1, "2023-02-28")]
    [InlineData("2023-01-28", 1, "2023-02-27")]
    [InlineData("2025-12-01", 1, "2025-12-31")]
    [InlineData("2025-01-01", 12, "2025-12-31")]
    public void Validity_ends_the_day_before_the_anniversary_or_at_the_end_of_a_shorter_month(string on, int months, string expected) =>
        Assert.Equal(IsoDate.Parse(expected), EligibilityRules.DefaultValidUntil(IsoDate.Parse(on), months));

    [Fact]
    public void Default_validity_is_24_months()
    {
        Assert.Equal(24, EligibilityDefaults.ValidityMonths);
        Assert.Equal(new DateOnly(2027, 6, 1), EligibilityRules.DefaultValidUntil(new DateOnly(2025, 6, 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validity_must_be_at_least_one_month(int months) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EligibilityRules.DefaultValidUntil(Start, months));

    // --- Validation of a recorded validation ---

    private static readonly DateOnly Today = new(2025, 6, 10);

    [Fact]
    public void A_complete_validation_on_criterion_is_valid() =>
        Assert.True(EligibilityRules.ValidateValidation([Criterion.Rsa, Criterion.ResidantQpv], "critere", null, null, "Attestation CAF 05/2025", Today, Today).IsValid);

    [Fact]
    public void A_validation_on_prescriber_opinion_needs_the_prescriber_kind_and_name()
    {
        Assert.True(EligibilityRules.ValidateValidation([Criterion.AvisPrescripteur], "avis_prescripteur", "mission_locale", "Mission locale de Mâcon", null, Today, Today).IsValid);
        var errors = EligibilityRules.ValidateValidation([Criterion.AvisPrescripteur], "avis_prescripteur", null, " ", null, Today, Today);
        Assert.Equal(["prescriberKind", "prescriberName"], errors.Fields);
        Assert.Equal("Le type de prescripteur est obligatoire. Valeurs admises : france_travail, mission_locale, cap_emploi, plie, referent_rsa, mdph, siae, autre.", errors.For("prescriberKind")[0]);
        Assert.Equal("Le nom du prescripteur est obligatoire pour une validation sur avis motivé.", errors.For("prescriberName")[0]);
    }

    [Fact]
    public void An_unknown_prescriber_kind_is_rejected_whatever_the_basis()
    {
        Assert.Equal(["prescriberKind"], EligibilityRules.ValidateValidation([Criterion.Rsa], "avis_prescripteur", "pole_emploi", "X", null, Today, Today).Fields);
        var errors = EligibilityRules.ValidateValidation([Criterion.Rsa], "critere", "pole_emploi", null, null, Today, Today);
        Assert.Equal("Valeur inconnue pour le type de prescripteur : « pole_emploi ». Valeurs admises : france_travail, mission_locale, cap_emploi, plie, referent_rsa, mdph, siae, autre.", errors.For("prescriberKind")[0]);
    }

    [Fact]
    public void Prescriber_name_and_evidence_are_limited_to_200_characters()
    {
        var ok = new string('a', 200);
        var tooLong = new string('a', 201);
        Assert.True(EligibilityRules.ValidateValidation([Criterion.Rsa], "avis_prescripteur", "plie", ok, ok, Today, Today).IsValid);
        var errors = EligibilityRules.ValidateValidation([Criterion.Rsa], "avis_prescripteur", "plie", tooLong, tooLong, Today, Today);
        Assert.Equal(["prescriberName", "evidenceReference"], errors.Fields);
        Assert.Equal("La référence du justificatif ne doit pas dépasser 200 caractères.", errors.For("evidenceReference")[0]);
        Assert.Equal(["prescriberName"], EligibilityRules.ValidateValidation([Criterion.Rsa], "critere", null, tooLong, null, Today, Today).Fields);
    }

    [Fact]
    public void The_validation_date_is_required_and_may_be_today_but_not_tomorrow()
    {
        Assert.True(EligibilityRules.ValidateValidation([Criterion.Rsa], "critere", null, null, null, Today, Today).IsValid);
        Assert.Equal("La date de validation ne peut pas être dans le futur.",
            EligibilityRules.ValidateValidation([Criterion.Rsa], "critere", null, null, null, Today.AddDays(1), Today).For("validatedOn")[0]);
        Assert.Equal("La date de validation est obligatoire.",
            EligibilityRules.ValidateValidation([Criterion.Rsa], "critere", null, null, null, null, Today).For("validatedOn")[0]);
    }

    [Fact]
    public void Criteria_must_be_present_known_and_not_repeated()
    {
        Assert.Equal("Au moins un critère d'éligibilité est obligatoire.",
            EligibilityRules.ValidateValidation([], "critere", null, null, null, Today, Today).For("criteria")[0]);
        var errors = EligibilityRules.ValidateValidation([Criterion.Rsa, "RSA", Criterion.Rsa], "critere", null, null, null, Today, Today);
        Assert.Equal(2, errors.For("criteria").Count);
        Assert.StartsWith("Critère inconnu : « RSA ». Valeurs admises : deld, detld, rsa,", errors.For("criteria")[0], StringComparison.Ordinal);
        Assert.Equal("Le critère « rsa » est indiqué plusieurs fois.", errors.For("criteria")[1]);
    }

    [Fact]
    public void A_validation_on_criterion_needs_a_criterion_other_than_the_prescriber_opinion() =>
        Assert.Equal("Une validation sur critère doit indiquer au moins un critère autre que l'avis motivé d'un prescripteur.",
            EligibilityRules.ValidateValidation([Criterion.AvisPrescripteur], "critere", null, null, null, Today, Today).For("criteria")[0]);

    [Theory]
    [InlineData(null, "La base de la validation est obligatoire. Valeurs admises : critere, avis_prescripteur.")]
    [InlineData("avis", "Valeur inconnue pour la base de la validation : « avis ». Valeurs admises : critere, avis_prescripteur.")]
    public void The_basis_must_be_a_known_code(string? basis, string message) =>
        Assert.Equal([message], EligibilityRules.ValidateValidation([Criterion.Rsa], basis, null, null, null, Today, Today).For("basis"));
}
