using Clauses.Core.Siae;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Siae;

public class SiaeKindTests
{
    [Fact]
    public void Siae_kinds_are_the_upper_case_database_codes_with_french_names() =>
        VocabularyAssert.HasExactly(SiaeKind.Terms,
            ("EI", "Entreprise d'insertion"),
            ("ETTI", "Entreprise de travail temporaire d'insertion"),
            ("AI", "Association intermédiaire"),
            ("ACI", "Atelier et chantier d'insertion"),
            ("EITI", "Entreprise d'insertion par le travail indépendant"),
            ("GEIQ", "Groupement d'employeurs pour l'insertion et la qualification"),
            ("EA", "Entreprise adaptée"),
            ("EATT", "Entreprise adaptée de travail temporaire"),
            ("ESAT", "Établissement et service d'aide par le travail"));

    [Theory]
    [InlineData("EI")]
    [InlineData("ACI")]
    [InlineData("AI")]
    [InlineData("ETTI")]
    [InlineData("EA")]
    [InlineData("EATT")]
    [InlineData("ESAT")]
    public void Siae_and_disability_structures_count_toward_the_clause(string code)
    {
        Assert.True(SiaeKind.CountsTowardClause(code));
        Assert.True(SiaeKind.Terms.Find(code)!.CountsTowardClause);
    }

    [Fact]
    public void Eiti_does_not_count_by_prudence() => Assert.False(SiaeKind.CountsTowardClause("EITI"));

    [Fact]
    public void Geiq_does_not_count_as_siae_because_it_is_its_own_modality()
    {
        Assert.False(SiaeKind.CountsTowardClause("GEIQ"));
        Assert.True(Core.Hours.Modality.Terms.IsKnown(Core.Hours.Modality.Geiq));
    }

    [Theory]
    [InlineData("ei")]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_or_lower_case_kind_does_not_count(string? code) =>
        Assert.False(SiaeKind.CountsTowardClause(code));
}
