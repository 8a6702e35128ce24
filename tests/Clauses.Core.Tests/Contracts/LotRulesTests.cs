using Clauses.Core.Contracts;

namespace Clauses.Core.Tests.Contracts;

public class LotRulesTests
{
    private static readonly LotInput Valid = new(1, "Peinture intérieure", "peinture_interieure", "45442100-8", 250_000m);

    private static IDictionary<string, string[]> Errors(LotInput lot) => LotRules.Validate(lot).ToDictionary();

    [Fact]
    public void Complete_lot_is_valid() => Assert.True(LotRules.Validate(Valid).IsValid);

    [Fact]
    public void Lot_without_trade_or_cpv_is_valid() =>
        Assert.True(LotRules.Validate(Valid with { Trade = null, CpvCode = null }).IsValid);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(999)]
    public void Lot_number_from_1_to_999_is_accepted(int number) =>
        Assert.True(LotRules.Validate(Valid with { Number = number }).IsValid);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Lot_number_outside_1_to_999_is_rejected(int number) =>
        Assert.Equal(["Le numéro de lot doit être compris entre 1 et 999."], Errors(Valid with { Number = number })["number"]);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Missing_title_is_rejected(string? title) =>
        Assert.Equal(["L'intitulé du lot est obligatoire."], Errors(Valid with { Title = title! })["title"]);

    [Fact]
    public void Title_of_300_characters_is_accepted() =>
        Assert.True(LotRules.Validate(Valid with { Title = new string('x', 300) }).IsValid);

    [Fact]
    public void Title_of_301_characters_is_rejected() =>
        Assert.Equal(["L'intitulé du lot ne doit pas dépasser 300 caractères."], Errors(Valid with { Title = new string('x', 301) })["title"]);

    [Theory]
    [InlineData("maconnerie")]
    [InlineData("peinture_interieure")]
    [InlineData("lot2")]
    [InlineData("_")]
    public void Lower_case_trade_code_is_accepted(string trade) =>
        Assert.True(LotRules.Validate(Valid with { Trade = trade }).IsValid);

    [Fact]
    public void Trade_code_of_60_characters_is_accepted() =>
        Assert.True(LotRules.Validate(Valid with { Trade = new string('a', 60) }).IsValid);

    [Fact]
    public void Trade_code_of_61_characters_is_rejected() =>
        Assert.Equal(["Le code du corps d'état ne doit pas dépasser 60 caractères."], Errors(Valid with { Trade = new string('a', 61) })["trade"]);

    [Theory]
    [InlineData("")]
    [InlineData("Maconnerie")]
    [InlineData("maçonnerie")]
    [InlineData("peinture interieure")]
    [InlineData("peinture-interieure")]
    [InlineData("peinture\n")]
    public void Trade_code_with_other_characters_is_rejected(string trade) =>
        Assert.Equal(["Le code du corps d'état ne peut contenir que des lettres minuscules sans accent, des chiffres et « _ »."],
            Errors(Valid with { Trade = trade })["trade"]);

    [Fact]
    public void Invalid_cpv_code_is_rejected() =>
        Assert.Equal(["cpvCode"], Errors(Valid with { CpvCode = "45442100-" }).Keys);

    [Theory]
    [InlineData("0")]
    [InlineData("99999999999.99")]
    public void Amount_at_the_bounds_is_accepted(string amount) =>
        Assert.True(LotRules.Validate(Valid with { AmountHt = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }).IsValid);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("0.001")]
    [InlineData("100000000000")]
    public void Amount_out_of_bounds_or_too_precise_is_rejected(string amount) =>
        Assert.Equal(["amountHt"], Errors(Valid with { AmountHt = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }).Keys);

    // lots against contract

    [Fact]
    public void Lots_adding_up_to_less_than_the_contract_fit() =>
        Assert.True(LotRules.ValidateLotsFitContract(1_000_000m, [300_000m, 600_000m]).IsValid);

    [Fact]
    public void Lots_adding_up_exactly_to_the_contract_fit() =>
        Assert.True(LotRules.ValidateLotsFitContract(1_000_000m, [400_000m, 600_000m]).IsValid);

    [Fact]
    public void No_lot_fits() => Assert.True(LotRules.ValidateLotsFitContract(0m, []).IsValid);

    [Fact]
    public void Lots_exceeding_the_contract_are_rejected_with_french_formatted_amounts() =>
        Assert.Equal(
            ["La somme des montants des lots (1\u202F250\u202F000,00\u00A0€) dépasse le montant du marché (1\u202F000\u202F000,00\u00A0€)."],
            LotRules.ValidateLotsFitContract(1_000_000m, [750_000m, 500_000m]).ToDictionary()["lots"]);

    [Fact]
    public void Lots_exceeding_by_one_cent_are_rejected() =>
        Assert.Equal(
            ["La somme des montants des lots (1\u202F000,01\u00A0€) dépasse le montant du marché (1\u202F000,00\u00A0€)."],
            LotRules.ValidateLotsFitContract(1_000m, [500m, 500.01m]).For("lots"));
}
