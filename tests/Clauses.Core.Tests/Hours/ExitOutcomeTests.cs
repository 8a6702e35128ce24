using Clauses.Core.Hours;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Hours;

public class ExitOutcomeTests
{
    [Fact]
    public void Exit_outcomes_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(ExitOutcome.Terms,
            ("cdi", "CDI"),
            ("cdd_6_mois_plus", "CDD de 6 mois ou plus"),
            ("cdd_moins_6_mois", "CDD de moins de 6 mois"),
            ("interim", "Intérim"),
            ("formation_qualifiante", "Formation qualifiante"),
            ("creation_entreprise", "Création d'entreprise"),
            ("demandeur_emploi", "Demandeur d'emploi"),
            ("inactif", "Inactif"),
            ("inconnu", "Inconnu"));

    [Theory]
    [InlineData("cdi")]
    [InlineData("cdd_6_mois_plus")]
    public void Cdi_and_cdd_of_six_months_or_more_are_durable_employment(string code)
    {
        Assert.True(ExitOutcome.IsDurableEmployment(code));
        Assert.True(ExitOutcome.Terms.Find(code)!.IsDurableEmployment);
    }

    [Theory]
    [InlineData("cdd_moins_6_mois")]
    [InlineData("interim")]
    [InlineData("formation_qualifiante")]
    [InlineData("creation_entreprise")]
    [InlineData("demandeur_emploi")]
    [InlineData("inactif")]
    [InlineData("inconnu")]
    public void Other_outcomes_are_not_durable_employment(string code) =>
        Assert.False(ExitOutcome.IsDurableEmployment(code));

    [Theory]
    [InlineData("CDI")]
    [InlineData("emploi_durable")]
    [InlineData(null)]
    public void Unknown_outcome_is_not_durable_employment(string? code) =>
        Assert.False(ExitOutcome.IsDurableEmployment(code));

    [Fact]
    public void Exactly_two_outcomes_are_durable() =>
        Assert.Equal(["cdi", "cdd_6_mois_plus"], ExitOutcome.Terms.All.Where(t => t.IsDurableEmployment).Select(t => t.Code));

    [Theory]
    [InlineData("cdi", true)]
    [InlineData("cdd_6_mois_plus", true)]
    [InlineData("cdd_moins_6_mois", true)]
    [InlineData("interim", true)]
    [InlineData("creation_entreprise", true)]
    [InlineData("formation_qualifiante", false)]
    [InlineData("demandeur_emploi", false)]
    [InlineData("inactif", false)]
    [InlineData("inconnu", false)]
    [InlineData("CDI", false)]
    [InlineData(null, false)]
    public void Employment_of_any_kind_includes_short_contracts_and_business_creation_but_not_training(string? code, bool employed) =>
        Assert.Equal(employed, ExitOutcome.IsEmployment(code));

    [Fact]
    public void Every_durable_outcome_is_employment() =>
        Assert.All(ExitOutcome.Terms.All.Where(t => t.IsDurableEmployment), t => Assert.True(ExitOutcome.IsEmployment(t.Code)));
}
