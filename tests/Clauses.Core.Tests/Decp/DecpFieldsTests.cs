using Clauses.Core.Decp;

namespace Clauses.Core.Tests.Decp;

public class DecpFieldsTests
{
    [Theory]
    [InlineData("2025-01-01", "2027-06-30", 30)]
    [InlineData("2025-04-01", "2026-09-30", 18)]
    [InlineData("2025-01-15", "2025-02-10", 1)]
    [InlineData("2025-01-15", "2025-02-14", 1)]
    [InlineData("2025-01-15", "2025-02-15", 2)]
    [InlineData("2025-03-01", "2025-03-01", 1)]
    [InlineData("2025-01-31", "2025-02-27", 1)]
    public void Duration_is_counted_in_months_rounded_up(string start, string end, int months) =>
        Assert.Equal(months, DecpFields.DurationMonths(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_end_before_the_start_is_refused() =>
        Assert.Throws<ArgumentException>(() => DecpFields.DurationMonths(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 31)));

    [Theory]
    [InlineData("travaux", 5_537_999, "Procédure adaptée")]
    [InlineData("travaux", 5_538_000, "Appel d'offres ouvert")]
    [InlineData("services", 220_999, "Procédure adaptée")]
    [InlineData("fournitures", 221_000, "Appel d'offres ouvert")]
    public void The_procedure_follows_the_eu_threshold_in_force(string category, int amount, string expected) =>
        Assert.Equal(expected, DecpFields.MarcheProcedure(category, amount, new DateOnly(2025, 6, 1), "commune"));

    [Fact]
    public void A_state_buyer_uses_the_central_government_threshold()
    {
        Assert.Equal("Appel d'offres ouvert", DecpFields.MarcheProcedure("services", 150_000m, new DateOnly(2025, 6, 1), "etat"));
        Assert.Equal("Procédure adaptée", DecpFields.MarcheProcedure("services", 150_000m, new DateOnly(2025, 6, 1), "commune"));
    }

    [Fact]
    public void Conventions_use_values_of_the_schema_enums()
    {
        Assert.Equal("Marché", DecpFields.MarcheNature(false));
        Assert.Equal("Marché de défense ou de sécurité", DecpFields.MarcheNature(true));
        Assert.Equal("Concession de travaux", DecpFields.ConcessionNature("travaux"));
        Assert.Equal("Concession de service", DecpFields.ConcessionNature("services"));
        Assert.Equal("Accord-cadre", DecpFields.Technique("accord_cadre"));
        Assert.Equal("Sans objet", DecpFields.Technique("marche"));
        Assert.Equal("Travaux", DecpFields.Ccag("travaux"));
        Assert.Equal("Fournitures courantes et services", DecpFields.Ccag("fournitures"));
        Assert.Equal("Unitaire", DecpFields.FormePrix("accord_cadre"));
        Assert.Equal("Forfaitaire", DecpFields.FormePrix("marche"));
        Assert.Equal("Définitif ferme", DecpFields.TypePrix(3));
        Assert.Equal("Définitif révisable", DecpFields.TypePrix(4));
    }

    [Theory]
    [InlineData(50_000, 12, false)]
    [InlineData(50_000.01, 12, true)]
    [InlineData(1_000_000, 2, false)]
    [InlineData(1_000_000, 3, true)]
    public void An_advance_is_due_above_50000_euros_and_two_months(decimal amount, int months, bool expected) =>
        Assert.Equal(expected, DecpFields.AttributionAvance(amount, months));

    [Theory]
    [InlineData("2025-TRX-001", true)]
    [InlineData("1234567890123456", true)]
    [InlineData("12345678901234567", false)]
    [InlineData("   ", false)]
    public void Identifiers_have_1_to_16_characters(string reference, bool expected) =>
        Assert.Equal(expected, DecpFields.IsPublishableIdentifier(reference));

    [Theory]
    [InlineData("45210000-2", "45210000")]
    [InlineData("45210000", "45210000")]
    public void Cpv_codes_are_published_without_check_digit(string cpv, string expected) =>
        Assert.Equal(expected, DecpFields.CpvWithoutCheckDigit(cpv));
}
