using Clauses.Core.Eligibility;
using Clauses.Core.Siae;

namespace Clauses.Core.Tests.Eligibility;

public class IaeEligibilityTests
{
    [Fact]
    public void Level_1_criteria_are_rsa_ass_aah_and_detld() =>
        Assert.Equal(["rsa", "ass", "aah", "detld"], IaeEligibility.Level1);

    [Fact]
    public void Level_2_criteria_are_known_criteria_distinct_from_level_1()
    {
        Assert.Equal(["deld", "rqth", "jeune_sans_qualification", "senior_50", "residant_qpv", "refugie", "sortant_ase", "main_justice"], IaeEligibility.Level2);
        Assert.All(IaeEligibility.Level2, c => Assert.True(Criterion.Terms.IsKnown(c)));
        Assert.Empty(IaeEligibility.Level2.Intersect(IaeEligibility.Level1));
    }

    [Theory]
    [InlineData("AI", 2)]
    [InlineData("ETTI", 2)]
    [InlineData("ACI", 3)]
    [InlineData("EI", 3)]
    [InlineData("EITI", 3)]
    public void Level_2_criteria_required_depend_on_the_kind(string kind, int required) =>
        Assert.Equal(required, IaeEligibility.RequiredLevel2(kind));

    [Theory]
    [InlineData("AI")]
    [InlineData("ETTI")]
    [InlineData("ACI")]
    [InlineData("EI")]
    [InlineData("EITI")]
    public void One_level_1_criterion_is_enough_for_every_iae_kind(string kind)
    {
        Assert.True(IaeEligibility.IsEligible(["residant_qpv", "rsa"], kind, out var reason));
        Assert.Contains("niveau 1", reason, StringComparison.Ordinal);
        Assert.Contains("rsa", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AI")]
    [InlineData("ETTI")]
    public void Two_level_2_criteria_are_enough_for_ai_and_etti(string kind)
    {
        Assert.False(IaeEligibility.IsEligible(["deld"], kind, out var one));
        Assert.Equal($"Non éligible à l'IAE : aucun critère de niveau 1 et 1 critère de niveau 2 sur les 2 requis en {kind}.", one);
        Assert.True(IaeEligibility.IsEligible(["deld", "senior_50"], kind, out var two));
        Assert.Equal($"Éligible à l'IAE : 2 critères de niveau 2 (deld, senior_50) pour 2 requis en {kind}.", two);
    }

    [Theory]
    [InlineData("ACI")]
    [InlineData("EI")]
    [InlineData("EITI")]
    public void Three_level_2_criteria_are_needed_for_aci_ei_and_eiti(string kind)
    {
        Assert.False(IaeEligibility.IsEligible(["deld", "senior_50"], kind, out var two));
        Assert.Equal($"Non éligible à l'IAE : aucun critère de niveau 1 et 2 critères de niveau 2 sur les 3 requis en {kind}.", two);
        Assert.True(IaeEligibility.IsEligible(["deld", "senior_50", "residant_qpv"], kind, out _));
    }

    [Fact]
    public void Repeated_and_non_iae_criteria_do_not_count_as_level_2()
    {
        Assert.False(IaeEligibility.IsEligible(["deld", "deld", "ata", "pass_iae", "avis_prescripteur"], SiaeKind.Ai, out var reason));
        Assert.Contains("1 critère de niveau 2", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GEIQ")]
    [InlineData("EA")]
    [InlineData("ESAT")]
    [InlineData("ai")]
    [InlineData("")]
    public void The_check_does_not_apply_to_other_kinds(string kind)
    {
        Assert.Null(IaeEligibility.RequiredLevel2(kind));
        Assert.False(IaeEligibility.IsEligible(["rsa"], kind, out var reason));
        Assert.Equal($"Le contrôle d'éligibilité IAE ne s'applique qu'aux AI, ETTI, ACI, EI et EITI (structure « {kind} »).", reason);
    }

    [Fact]
    public void No_criterion_is_not_eligible()
    {
        Assert.False(IaeEligibility.IsEligible([], SiaeKind.Etti, out var reason));
        Assert.Contains("0 critère de niveau 2", reason, StringComparison.Ordinal);
    }
}
