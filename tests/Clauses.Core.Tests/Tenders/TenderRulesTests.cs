using Clauses.Core.Tenders;

namespace Clauses.Core.Tests.Tenders;

public class TenderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static TenderInput Valid() => new("Entretien des espaces verts – lot 4 réservé", "Tonte et désherbage manuel.", null,
        "reserve_l2113_13", ["espaces_verts"], ["69"], Now.AddDays(30), "https://marches.exemple.fr/consultation/42", 120_000m);

    [Fact]
    public void A_complete_tender_is_valid() => Assert.True(TenderRules.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("title")]
    [InlineData("reservation")]
    [InlineData("sectors")]
    [InlineData("departements")]
    [InlineData("deadlineAt")]
    [InlineData("documentsUrl")]
    public void Each_faulty_field_is_reported(string field)
    {
        var t = field switch
        {
            "title" => Valid() with { Title = "" },
            "reservation" => Valid() with { Reservation = "clause_execution" },
            "sectors" => Valid() with { Sectors = ["jardinage-extreme"] },
            "departements" => Valid() with { Departements = ["20"] },
            "deadlineAt" => Valid() with { DeadlineAt = null },
            _ => Valid() with { DocumentsUrl = "ftp://exemple.fr/doc" },
        };
        Assert.NotEmpty(TenderRules.Validate(t).For(field));
    }

    [Fact]
    public void Publishing_needs_the_reservation_recorded_in_the_lots_analysis_and_a_deadline_beyond_a_day()
    {
        Assert.True(TenderRules.ValidatePublication(Valid(), ["reserve_l2113_13"], Now).IsValid);
        Assert.NotEmpty(TenderRules.ValidatePublication(Valid(), ["clause_execution"], Now).For("reservation"));
        Assert.NotEmpty(TenderRules.ValidatePublication(Valid() with { DeadlineAt = Now.AddHours(20) }, ["reserve_l2113_13"], Now).For("deadlineAt"));
        Assert.False(TenderRules.ValidatePublication(Valid() with { Reservation = "reserve_l2113_13_1" },
            ["reserve_l2113_13_1", "reserve_l2113_13"], Now).IsValid);
    }

    [Theory]
    [InlineData("reserve_l2113_12", "ESAT", true)]
    [InlineData("reserve_l2113_12", "EI", false)]
    [InlineData("reserve_l2113_13", "ACI", true)]
    [InlineData("reserve_l2113_13", "EA", false)]
    [InlineData("reserve_l2113_13", "GEIQ", false)]
    [InlineData("reserve_l2113_15", "GEIQ", true)]
    [InlineData("reserve_l2113_13_1", "EI", false)]
    public void Only_the_structures_of_the_reservation_article_may_answer(string reservation, string kind, bool may) =>
        Assert.Equal(may, TenderRules.KindMayAnswer(reservation, kind));

    [Fact]
    public void Matching_ranks_sector_and_territory()
    {
        string[] sectors = ["espaces_verts"], departements = ["69"];
        Assert.Equal(4, TenderRules.Match("reserve_l2113_13", sectors, departements, "ACI", ["espaces_verts", "nettoyage"], ["69", "01"]));
        Assert.Equal(2, TenderRules.Match("reserve_l2113_13", sectors, departements, "ACI", ["batiment"], ["69"]));
        Assert.Equal(3, TenderRules.Match("reserve_l2113_13", sectors, departements, "ACI", ["espaces_verts"], ["13"]));
        Assert.Equal(4, TenderRules.Match("reserve_l2113_13", [], [], "EI", ["batiment"], ["13"]));
        Assert.Equal(0, TenderRules.Match("reserve_l2113_13", sectors, departements, "ESAT", ["espaces_verts"], ["69"]));
    }

    [Theory]
    [InlineData("brouillon", "publie", true)]
    [InlineData("publie", "clos", true)]
    [InlineData("clos", "attribue", true)]
    [InlineData("brouillon", "annule", true)]
    [InlineData("publie", "annule", true)]
    [InlineData("attribue", "publie", false)]
    [InlineData("clos", "publie", false)]
    [InlineData("annule", "publie", false)]
    [InlineData("brouillon", "attribue", false)]
    public void Status_moves_follow_the_life_of_a_tender(string from, string to, bool allowed) =>
        Assert.Equal(allowed, TenderStatus.CanMove(from, to));

    [Fact]
    public void A_refused_move_is_explained_in_french() =>
        Assert.Equal("Un appel d'offres « attribué » ne peut pas passer à « publié ».", TenderStatus.Refusal("attribue", "publie"));
}
