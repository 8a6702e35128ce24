using Clauses.Core.Participants;

namespace Clauses.Core.Tests.Participants;

public class ParticipantRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static ParticipantInput Valid() => new("Martin", "Léa", new DateOnly(1990, 5, 1), "lea.martin@exemple.fr", "06 12 34 56 78",
        "3 rue des Lilas", "69003", "Lyon", "1234567A", "F", "69", true, "3");

    [Fact]
    public void A_complete_participant_is_valid() => Assert.True(ParticipantRules.Validate(Valid(), Today).IsValid);

    [Theory]
    [InlineData("lastName")]
    [InlineData("firstName")]
    [InlineData("birthDate")]
    public void Names_and_birth_date_are_required(string field)
    {
        var p = field switch
        {
            "lastName" => Valid() with { LastName = " " },
            "firstName" => Valid() with { FirstName = null },
            _ => Valid() with { BirthDate = null },
        };
        Assert.NotEmpty(ParticipantRules.Validate(p, Today).For(field));
    }

    [Theory]
    [InlineData(2012, 11, 22, true)]    // 14 today
    [InlineData(2012, 11, 23, false)]   // 14 tomorrow
    [InlineData(1926, 11, 22, true)]    // 100 today
    [InlineData(1926, 11, 21, false)]
    public void Birth_dates_must_give_an_age_between_14_and_100(int y, int m, int d, bool valid) =>
        Assert.Equal(valid, ParticipantRules.Validate(Valid() with { BirthDate = new DateOnly(y, m, d) }, Today).IsValid);

    [Theory]
    [InlineData("email", "pas-une-adresse")]
    [InlineData("phone", "appelez-moi")]
    [InlineData("postcode", "6900")]
    [InlineData("sex", "femme")]
    [InlineData("departement", "20")]
    [InlineData("educationLevel", "bac")]
    public void Malformed_fields_are_reported_in_french(string field, string value)
    {
        var p = field switch
        {
            "email" => Valid() with { Email = value },
            "phone" => Valid() with { Phone = value },
            "postcode" => Valid() with { Postcode = value },
            "sex" => Valid() with { Sex = value },
            "departement" => Valid() with { Departement = value },
            _ => Valid() with { EducationLevel = value },
        };
        var messages = ParticipantRules.Validate(p, Today).For(field);
        Assert.Single(messages);
        Assert.Matches("[éèàçôù]|valide|Valeur|admises|compter", messages[0]);
    }

    [Theory]
    [InlineData(123, "P-000123")]
    [InlineData(1234567, "P-1234567")]
    public void References_are_padded_to_six_digits(long number, string expected) => Assert.Equal(expected, ParticipantRules.Reference(number));

    [Theory]
    [InlineData("P-000123", 123L)]
    [InlineData(" p-42 ", 42L)]
    [InlineData("P-0", null)]
    [InlineData("123", null)]
    [InlineData("DUPONT Marie", null)]
    [InlineData(null, null)]
    public void References_are_read_back(string? text, long? expected) => Assert.Equal(expected, ParticipantRules.ParseReference(text));
}
