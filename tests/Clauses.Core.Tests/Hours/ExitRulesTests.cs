using Clauses.Core.Hours;
using Clauses.Core.Tests.Eligibility;

namespace Clauses.Core.Tests.Hours;

public class ExitRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 10);

    [Theory]
    [InlineData("2025-08-31", "2026-02-28")]
    [InlineData("2023-08-31", "2024-02-29")]
    [InlineData("2025-08-28", "2026-02-28")]
    [InlineData("2025-01-15", "2025-07-15")]
    [InlineData("2025-12-31", "2026-06-30")]
    [InlineData("2025-07-01", "2026-01-01")]
    public void Follow_up_is_due_six_calendar_months_after_the_exit(string exited, string due) =>
        Assert.Equal(IsoDate.Parse(due), ExitRules.FollowUpDue(IsoDate.Parse(exited)));

    [Fact]
    public void A_known_outcome_with_a_date_up_to_today_is_valid() =>
        Assert.True(ExitRules.Validate("cdi", Today, Today).IsValid);

    [Fact]
    public void An_exit_in_the_future_is_rejected() =>
        Assert.Equal(["La date de sortie (11/06/2025) ne peut pas être dans le futur."], ExitRules.Validate("cdi", Today.AddDays(1), Today).For("exitedOn"));

    [Fact]
    public void Outcome_and_date_are_required()
    {
        var errors = ExitRules.Validate(null, null, Today);
        Assert.Equal(["outcome", "exitedOn"], errors.Fields);
        Assert.Equal("La date de sortie est obligatoire.", errors.For("exitedOn")[0]);
        Assert.StartsWith("La situation à la sortie est obligatoire. Valeurs admises : cdi, cdd_6_mois_plus,", errors.For("outcome")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_outcome_is_rejected() =>
        Assert.StartsWith("Valeur inconnue pour la situation à la sortie : « CDI ».", ExitRules.Validate("CDI", Today, Today).For("outcome")[0], StringComparison.Ordinal);

    [Fact]
    public void Durable_employment_rate_of_81_exits_out_of_250_is_0_3240()
    {
        var outcomes = Enumerable.Repeat("cdi", 50)
            .Concat(Enumerable.Repeat("cdd_6_mois_plus", 31))
            .Concat(Enumerable.Repeat("cdd_moins_6_mois", 60))
            .Concat(Enumerable.Repeat("interim", 40))
            .Concat(Enumerable.Repeat("demandeur_emploi", 69));
        Assert.Equal(0.3240m, ExitRules.DurableEmploymentRate(outcomes));
    }

    [Fact]
    public void Unknown_codes_count_as_exits_but_not_as_durable_employment() =>
        Assert.Equal(0.3333m, ExitRules.DurableEmploymentRate(["cdi", "CDI", "emploi"]));

    [Fact]
    public void Without_exits_the_rate_is_zero() =>
        Assert.Equal(0m, ExitRules.DurableEmploymentRate([]));

    [Fact]
    public void The_rate_is_rounded_half_up_to_four_decimals() =>
        Assert.Equal(0.6667m, ExitRules.DurableEmploymentRate(["cdi", "cdd_6_mois_plus", "inactif"]));

    [Fact]
    public void An_organisation_may_define_its_own_durable_outcomes() =>
        Assert.Equal(0.75m, ExitRules.DurableEmploymentRate(["cdi", "formation_qualifiante", "creation_entreprise", "inactif"],
            ["cdi", "cdd_6_mois_plus", "formation_qualifiante", "creation_entreprise"]));
}
