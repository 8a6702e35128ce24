using Clauses.Core.Clauses;
using Clauses.Core.Common;
using Clauses.Core.Relevance;

namespace Clauses.Core.Tests.Relevance;

public class RelevanceRulesTests
{
    private static readonly RelevanceInput Pertinent = new(RelevanceOutcome.Pertinent, [Instrument.ClauseExecution], null, null, false, null);
    private static readonly RelevanceInput NotPertinent = new(RelevanceOutcome.NonPertinent, [], RelevanceReason.MontantFaible, null, false, null);

    private static ValidationErrors Validate(RelevanceInput input, bool isConcession = false) => RelevanceRules.Validate(input, isConcession);

    [Fact]
    public void Pertinent_outcome_with_an_instrument_is_valid() => Assert.True(Validate(Pertinent).IsValid);

    [Fact]
    public void Pertinent_outcome_with_several_instruments_is_valid() =>
        Assert.True(Validate(Pertinent with { Instruments = [Instrument.ClauseExecution, Instrument.CritereAttribution, Instrument.ReserveL2113_13] }).IsValid);

    [Fact]
    public void Pertinent_outcome_without_instrument_is_refused() =>
        Assert.Equal(["Choisissez au moins un instrument lorsque l'analyse conclut à la pertinence."], Validate(Pertinent with { Instruments = [] }).For("instruments"));

    [Fact]
    public void Unknown_instrument_is_refused() =>
        Assert.Equal(["Instrument inconnu : « clause_verte ». Valeurs admises : clause_execution, critere_attribution, reserve_l2113_12, reserve_l2113_13, reserve_l2113_13_1, reserve_l2113_15, marche_insertion, clause_alternative."],
            Validate(Pertinent with { Instruments = [Instrument.ClauseExecution, "clause_verte"] }).For("instruments"));

    [Fact]
    public void Same_instrument_twice_is_refused() =>
        Assert.Equal(["L'instrument « Clause d'exécution (heures d'insertion) » est indiqué deux fois."],
            Validate(Pertinent with { Instruments = [Instrument.ClauseExecution, Instrument.ClauseExecution] }).For("instruments"));

    [Fact]
    public void Pertinent_outcome_with_a_reason_is_refused() =>
        Assert.Equal(["Aucun motif de non-pertinence ne doit être indiqué lorsque l'analyse conclut à la pertinence."],
            Validate(Pertinent with { Reason = RelevanceReason.Urgence }).For("reason"));

    [Fact]
    public void Forbidden_reservation_combination_is_refused() =>
        Assert.Equal(["instruments"], Validate(Pertinent with { Instruments = [Instrument.ReserveL2113_13_1, Instrument.ReserveL2113_13] }).Fields);

    [Fact]
    public void Disabled_and_insertion_reservations_combine_for_a_marche_but_not_a_concession()
    {
        var input = Pertinent with { Instruments = [Instrument.ReserveL2113_12, Instrument.ReserveL2113_13] };
        Assert.True(Validate(input, isConcession: false).IsValid);
        Assert.Equal(["instruments"], Validate(input, isConcession: true).Fields);
    }

    [Fact]
    public void Not_pertinent_outcome_with_a_reason_is_valid() => Assert.True(Validate(NotPertinent).IsValid);

    [Theory]
    [InlineData(null, "Le motif de non-pertinence est obligatoire. Valeurs admises : montant_faible, duree_courte, main_oeuvre_faible, prestation_specialisee, urgence, absence_offre_insertion, autre.")]
    [InlineData("cout", "Valeur inconnue pour le motif de non-pertinence : « cout ». Valeurs admises : montant_faible, duree_courte, main_oeuvre_faible, prestation_specialisee, urgence, absence_offre_insertion, autre.")]
    public void Not_pertinent_outcome_needs_a_known_reason(string? reason, string message) =>
        Assert.Equal([message], Validate(NotPertinent with { Reason = reason }).For("reason"));

    [Fact]
    public void Not_pertinent_outcome_with_an_instrument_is_refused() =>
        Assert.Equal(["Aucun instrument ne doit être choisi lorsque l'analyse conclut à l'absence de pertinence."],
            Validate(NotPertinent with { Instruments = [Instrument.ClauseExecution] }).For("instruments"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Other_reason_requires_a_comment(string? comment) =>
        Assert.Equal(["Précisez en commentaire le motif de non-pertinence « autre »."],
            Validate(NotPertinent with { Reason = RelevanceReason.Autre, Comment = comment }).For("comment"));

    [Fact]
    public void Other_reason_with_a_comment_is_valid() =>
        Assert.True(Validate(NotPertinent with { Reason = RelevanceReason.Autre, Comment = "Marché de prestations intellectuelles réalisées à distance." }).IsValid);

    [Fact]
    public void Comment_of_2000_characters_is_accepted() =>
        Assert.True(Validate(NotPertinent with { Comment = new string('x', 2000) }).IsValid);

    [Fact]
    public void Comment_of_2001_characters_is_refused() =>
        Assert.Equal(["Le commentaire ne doit pas dépasser 2000 caractères."], Validate(Pertinent with { Comment = new string('x', 2001) }).For("comment"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("oui")]
    public void Missing_or_unknown_outcome_is_refused(string? outcome) =>
        Assert.Equal(["outcome"], Validate(Pertinent with { Outcome = outcome! }).Fields);

    // Loi Climat (R12)

    [Theory]
    [InlineData(Instrument.ClauseExecution)]
    [InlineData(Instrument.ClauseAlternative)]
    [InlineData(Instrument.MarcheInsertion)]
    [InlineData(Instrument.ReserveL2113_12)]
    [InlineData(Instrument.ReserveL2113_13)]
    [InlineData(Instrument.ReserveL2113_13_1)]
    [InlineData(Instrument.ReserveL2113_15)]
    public void Social_execution_condition_meets_the_loi_climat_without_exception(string instrument) =>
        Assert.True(Validate(Pertinent with { Instruments = [instrument], LoiClimatApplies = true }).IsValid);

    [Fact]
    public void Award_criterion_alone_does_not_meet_the_loi_climat()
    {
        var errors = Validate(Pertinent with { Instruments = [Instrument.CritereAttribution], LoiClimatApplies = true });
        Assert.Equal(["loiClimatException"], errors.Fields);
        Assert.Equal(["Le contrat dépasse le seuil européen (loi Climat et résilience) : retenez une condition d'exécution sociale ou indiquez l'exception qui s'applique. Valeurs admises : solution_immediatement_disponible, lien_insuffisant_objet, restriction_concurrence, difficulte_execution, defense_securite."],
            errors.For("loiClimatException"));
    }

    [Fact]
    public void Award_criterion_with_a_recorded_exception_is_valid() =>
        Assert.True(Validate(Pertinent with { Instruments = [Instrument.CritereAttribution], LoiClimatApplies = true, LoiClimatException = LoiClimatException.RestrictionConcurrence }).IsValid);

    [Fact]
    public void Not_pertinent_outcome_under_the_loi_climat_requires_an_exception() =>
        Assert.Equal(["loiClimatException"], Validate(NotPertinent with { LoiClimatApplies = true }).Fields);

    [Fact]
    public void Not_pertinent_outcome_under_the_loi_climat_with_an_exception_is_valid() =>
        Assert.True(Validate(NotPertinent with { LoiClimatApplies = true, LoiClimatException = LoiClimatException.SolutionImmediatementDisponible }).IsValid);

    [Fact]
    public void Unknown_exception_is_refused() =>
        Assert.Equal(["Valeur inconnue pour l'exception loi Climat : « trop_cher ». Valeurs admises : solution_immediatement_disponible, lien_insuffisant_objet, restriction_concurrence, difficulte_execution, defense_securite."],
            Validate(NotPertinent with { LoiClimatApplies = true, LoiClimatException = "trop_cher" }).For("loiClimatException"));

    [Fact]
    public void Without_the_loi_climat_no_exception_is_needed() =>
        Assert.True(Validate(NotPertinent with { LoiClimatApplies = false }).IsValid);

    [Fact]
    public void Organisation_list_of_exceptions_replaces_the_default()
    {
        var custom = new Vocabulary<Term>([new Term("marche_urgent", "Marché passé en urgence impérieuse")]);
        var input = NotPertinent with { LoiClimatApplies = true, LoiClimatException = "marche_urgent" };
        Assert.True(RelevanceRules.Validate(input, false, custom).IsValid);
        Assert.Equal(["loiClimatException"], RelevanceRules.Validate(input with { LoiClimatException = LoiClimatException.RestrictionConcurrence }, false, custom).Fields);
    }

    [Theory]
    [InlineData(Instrument.ClauseExecution, true)]
    [InlineData(Instrument.ClauseAlternative, true)]
    [InlineData(Instrument.MarcheInsertion, true)]
    [InlineData(Instrument.ReserveL2113_12, true)]
    [InlineData(Instrument.ReserveL2113_13, true)]
    [InlineData(Instrument.ReserveL2113_13_1, true)]
    [InlineData(Instrument.ReserveL2113_15, true)]
    [InlineData(Instrument.CritereAttribution, false)]
    [InlineData("inconnu", false)]
    public void Social_execution_conditions_are_the_clauses_insertion_contracts_and_reservations(string instrument, bool expected) =>
        Assert.Equal(expected, RelevanceRules.IsSocialExecutionCondition(instrument));

    // contract analysed

    [Fact]
    public void Contract_without_lots_is_not_analysed() => Assert.False(RelevanceRules.ContractAnalysed([]));

    [Fact]
    public void Contract_whose_lots_all_have_an_outcome_is_analysed() =>
        Assert.True(RelevanceRules.ContractAnalysed([RelevanceOutcome.Pertinent, RelevanceOutcome.NonPertinent]));

    [Fact]
    public void Contract_with_a_single_analysed_lot_is_analysed() =>
        Assert.True(RelevanceRules.ContractAnalysed([RelevanceOutcome.NonPertinent]));

    [Fact]
    public void Contract_with_a_lot_not_yet_analysed_is_not_analysed() =>
        Assert.False(RelevanceRules.ContractAnalysed([RelevanceOutcome.Pertinent, null]));

    [Fact]
    public void Contract_with_an_unknown_outcome_is_not_analysed() =>
        Assert.False(RelevanceRules.ContractAnalysed([RelevanceOutcome.Pertinent, "a_faire"]));
}
