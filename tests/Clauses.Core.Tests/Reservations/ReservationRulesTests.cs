using Clauses.Core.Clauses;
using Clauses.Core.Reservations;

namespace Clauses.Core.Tests.Reservations;

public class ReservationRulesTests
{
    private const string R12 = Instrument.ReserveL2113_12;
    private const string R13 = Instrument.ReserveL2113_13;
    private const string R13_1 = Instrument.ReserveL2113_13_1;
    private const string R15 = Instrument.ReserveL2113_15;

    public static TheoryData<string[]> AllowedForMarches => new()
    {
        Array.Empty<string>(),
        new[] { R12 },
        new[] { R13 },
        new[] { R12, R13 },
        new[] { R13, R12 },
        new[] { R13_1 },
        new[] { R15 },
        new[] { R12, R12 },
        new[] { R13, Instrument.ClauseExecution },
        new[] { R13_1, Instrument.CritereAttribution, Instrument.ClauseExecution },
        new[] { Instrument.ClauseExecution, Instrument.ClauseAlternative },
    };

    [Theory]
    [MemberData(nameof(AllowedForMarches))]
    public void Allowed_combinations_for_a_marche_are_valid(string[] instruments) =>
        Assert.True(ReservationRules.ValidateCombination(instruments, isConcession: false).IsValid);

    [Theory]
    [InlineData(R13_1, R12)]
    [InlineData(R13_1, R13)]
    [InlineData(R13_1, R15)]
    public void Prison_reservation_cannot_be_combined_with_another(string first, string second) =>
        Assert.Equal(["Un lot réservé au travail pénitentiaire (L2113-13-1) ne peut pas être réservé en même temps à d'autres opérateurs (L2113-14)."],
            ReservationRules.ValidateCombination([first, second], false).For("instruments"));

    [Fact]
    public void Prison_reservation_with_both_12_and_13_is_refused_once() =>
        Assert.Single(ReservationRules.ValidateCombination([R13_1, R12, R13], false).For("instruments"));

    [Theory]
    [InlineData(R15, R12)]
    [InlineData(R15, R13)]
    public void Ess_reservation_cannot_be_combined_with_another(string first, string second) =>
        Assert.Equal(["La réservation aux entreprises de l'économie sociale et solidaire (L2113-15) ne peut pas être combinée avec une autre réservation."],
            ReservationRules.ValidateCombination([first, second], false).For("instruments"));

    [Theory]
    [InlineData(R12)]
    [InlineData(R13)]
    [InlineData(R13_1)]
    public void Single_reservation_of_a_concession_is_valid(string instrument) =>
        Assert.True(ReservationRules.ValidateCombination([instrument], isConcession: true).IsValid);

    [Fact]
    public void Concession_cannot_combine_disabled_and_insertion_reservations() =>
        Assert.Equal(["Une concession ne peut pas être réservée à la fois aux entreprises adaptées et ESAT (L3113-1) et aux structures d'insertion (L3113-2) (L3113-3)."],
            ReservationRules.ValidateCombination([R12, R13], isConcession: true).For("instruments"));

    [Fact]
    public void Concession_cannot_be_reserved_to_ess_enterprises() =>
        Assert.Equal(["La réservation aux entreprises de l'économie sociale et solidaire (L2113-15) n'existe que pour les marchés publics, pas pour les concessions."],
            ReservationRules.ValidateCombination([R15], isConcession: true).For("instruments"));

    [Fact]
    public void Concession_with_prison_and_another_reservation_reports_the_l2113_14_rule() =>
        Assert.Contains("Un lot réservé au travail pénitentiaire (L2113-13-1) ne peut pas être réservé en même temps à d'autres opérateurs (L2113-14).",
            ReservationRules.ValidateCombination([R13_1, R12], isConcession: true).For("instruments"));

    [Theory]
    [InlineData(R12, true)]
    [InlineData(R13, true)]
    [InlineData(R13_1, true)]
    [InlineData(R15, true)]
    [InlineData("clause_execution", false)]
    [InlineData("critere_attribution", false)]
    [InlineData("marche_insertion", false)]
    [InlineData("clause_alternative", false)]
    [InlineData("RESERVE_L2113_12", false)]
    [InlineData("", false)]
    public void Reservations_are_the_four_reserve_instruments(string instrument, bool expected) =>
        Assert.Equal(expected, ReservationRules.IsReservation(instrument));

    [Fact]
    public void Minimum_share_of_disadvantaged_workers_is_50_percent() =>
        Assert.Equal(0.50m, ReservationRules.MinimumDisadvantagedShare);

    // ESS (L2113-15/16)

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(36)]
    public void Ess_reservation_of_social_services_for_up_to_36_months_is_valid(int months) =>
        Assert.True(ReservationRules.ValidateEss(true, months).IsValid);

    [Fact]
    public void Ess_reservation_for_37_months_is_refused() =>
        Assert.Equal(["Un marché réservé aux entreprises de l'ESS ne peut pas durer plus de 36 mois (L2113-16)."],
            ReservationRules.ValidateEss(true, 37).ToDictionary()["durationMonths"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void Ess_reservation_duration_must_be_positive(int months) =>
        Assert.Equal(["La durée du marché doit être d'au moins un mois."], ReservationRules.ValidateEss(true, months).For("durationMonths"));

    [Fact]
    public void Ess_reservation_without_duration_is_refused() =>
        Assert.Equal(["La durée du marché est obligatoire pour une réservation aux entreprises de l'ESS (36 mois au plus, L2113-16)."],
            ReservationRules.ValidateEss(true, null).For("durationMonths"));

    [Fact]
    public void Ess_reservation_not_exclusively_on_social_services_is_refused()
    {
        var errors = ReservationRules.ValidateEss(false, 12);
        Assert.Equal(["exclusivelySocialServices"], errors.Fields);
        Assert.Equal(["La réservation aux entreprises de l'ESS n'est possible que si le marché ou le lot porte exclusivement sur des services sociaux et autres services spécifiques (L2113-15)."],
            errors.For("exclusivelySocialServices"));
    }

    [Fact]
    public void Ess_reservation_can_fail_on_both_conditions() =>
        Assert.Equal(["exclusivelySocialServices", "durationMonths"], ReservationRules.ValidateEss(false, 48).Fields);
}
