using System.Text.Json;
using Clauses.Core.Clauses;
using Clauses.Core.Decp;

namespace Clauses.Core.Tests.Decp;

public class ConsiderationsSocialesTests
{
    private static readonly string[] Reservations =
        [Instrument.ReserveL2113_12, Instrument.ReserveL2113_13, Instrument.ReserveL2113_13_1, Instrument.ReserveL2113_15];

    [Theory]
    [InlineData("clause_execution", "Clause sociale")]
    [InlineData("marche_insertion", "Clause sociale")]
    [InlineData("clause_alternative", "Clause sociale")]
    [InlineData("critere_attribution", "Critère social")]
    [InlineData("reserve_l2113_12", "Marché réservé")]
    [InlineData("reserve_l2113_13", "Marché réservé")]
    [InlineData("reserve_l2113_13_1", "Marché réservé")]
    [InlineData("reserve_l2113_15", "Marché réservé")]
    public void Each_instrument_of_a_marche_maps_to_its_decp_value(string instrument, string expected)
    {
        Assert.Equal(expected, ConsiderationsSociales.For(instrument, "marche"));
        Assert.Equal(expected, ConsiderationsSociales.For(instrument, "accord_cadre"));
        Assert.Equal([expected], ConsiderationsSociales.From([instrument], "marche"));
    }

    [Theory]
    [InlineData("clause_execution", "Clause sociale")]
    [InlineData("marche_insertion", "Clause sociale")]
    [InlineData("clause_alternative", "Clause sociale")]
    [InlineData("critere_attribution", "Critère social")]
    [InlineData("reserve_l2113_12", "Concession réservée")]
    [InlineData("reserve_l2113_13", "Concession réservée")]
    [InlineData("reserve_l2113_13_1", "Concession réservée")]
    [InlineData("reserve_l2113_15", "Concession réservée")]
    public void Each_instrument_of_a_concession_maps_to_its_decp_value(string instrument, string expected)
    {
        Assert.Equal(expected, ConsiderationsSociales.For(instrument, "concession"));
        Assert.Equal([expected], ConsiderationsSociales.From([instrument], "concession"));
    }

    [Fact]
    public void Every_instrument_is_mapped() =>
        Assert.All(Instrument.Terms.Codes, code => Assert.False(string.IsNullOrWhiteSpace(ConsiderationsSociales.For(code, "marche"))));

    [Theory]
    [InlineData("marche")]
    [InlineData("accord_cadre")]
    [InlineData("concession")]
    public void No_instrument_is_exactly_pas_de_consideration_sociale(string kind) =>
        Assert.Equal(["Pas de considération sociale"], ConsiderationsSociales.From([], kind));

    [Fact]
    public void Every_combination_of_instruments_is_unique_non_empty_ordered_and_exclusive()
    {
        var codes = Instrument.Terms.Codes;
        for (var mask = 0; mask < 1 << codes.Count; mask++)
        {
            var chosen = codes.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            foreach (var kind in new[] { "marche", "accord_cadre", "concession" })
            {
                var values = ConsiderationsSociales.From(chosen, kind);
                var allowed = kind == "concession" ? ConsiderationsSociales.ConcessionValues : ConsiderationsSociales.MarcheValues;
                Assert.NotEmpty(values);
                Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
                Assert.All(values, v => Assert.Contains(v, allowed));
                // In the schema's order.
                Assert.Equal(allowed.Where(values.Contains), values);
                // "Pas de considération sociale" exactly when nothing was chosen, and then alone.
                Assert.Equal(chosen.Count == 0, values.Contains(ConsiderationsSociales.PasDeConsiderationSociale));
                if (chosen.Count == 0) Assert.Single(values);
                // Each value present iff one of its instruments was chosen.
                var expected = chosen.Select(c => ConsiderationsSociales.For(c, kind)).ToHashSet(StringComparer.Ordinal);
                if (chosen.Count > 0) Assert.Equal(expected.Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
                Assert.Equal(chosen.Count > 0, ConsiderationsSociales.HasConsideration(values));
            }
        }
    }

    [Fact]
    public void A_contract_with_several_lots_and_repeated_instruments_lists_each_value_once()
    {
        // Lot 1: execution clause + criterion; lot 2: SIAE reservation; lot 3: EA reservation and a clause row.
        string[] union = ["clause_execution", "critere_attribution", "reserve_l2113_13", "reserve_l2113_12", "clause_execution"];
        Assert.Equal(["Clause sociale", "Critère social", "Marché réservé"], ConsiderationsSociales.From(union, "marche"));
        Assert.Equal(["Clause sociale", "Critère social", "Concession réservée"], ConsiderationsSociales.From(union, "concession"));
    }

    [Fact]
    public void Reservations_never_say_marche_reserve_for_a_concession_nor_concession_reservee_for_a_marche()
    {
        Assert.DoesNotContain("Marché réservé", ConsiderationsSociales.From(Reservations, "concession"));
        Assert.DoesNotContain("Concession réservée", ConsiderationsSociales.From(Reservations, "marche"));
    }

    [Fact]
    public void Unknown_instruments_and_subsidies_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ConsiderationsSociales.For("clause_verte", "marche"));
        Assert.Throws<ArgumentException>(() => ConsiderationsSociales.From(["Clause sociale"], "marche"));
        Assert.Throws<ArgumentException>(() => ConsiderationsSociales.From([], "subvention"));
        Assert.Throws<ArgumentException>(() => ConsiderationsSociales.For("clause_execution", "subvention"));
        Assert.False(ConsiderationsSociales.IsPublished("subvention"));
        Assert.True(ConsiderationsSociales.IsPublished("marche"));
        Assert.True(ConsiderationsSociales.IsPublished("accord_cadre"));
        Assert.True(ConsiderationsSociales.IsPublished("concession"));
    }

    [Fact]
    public void Values_are_spelled_as_the_official_schema_spells_them()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath()));
        var definitions = schema.RootElement.GetProperty("definitions");
        Assert.Equal(EnumOf(definitions, "marche"), ConsiderationsSociales.MarcheValues);
        Assert.Equal(EnumOf(definitions, "contrat-concession"), ConsiderationsSociales.ConcessionValues);
    }

    private static string[] EnumOf(JsonElement definitions, string section) =>
        [.. definitions.GetProperty(section).GetProperty("definitions").GetProperty("considerationSocialeArray")
            .GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The shared reference copy when present, else the copy the API embeds (both are the official file).</summary>
    private static string SchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "reference", "decp", "schema_decp_v2.0.3.json");
            if (File.Exists(shared)) return shared;
            var embedded = Path.Combine(dir.FullName, "src", "Clauses.Api", "Exports", "schema_decp_v2.0.3.json");
            if (File.Exists(embedded)) return embedded;
        }

        throw new FileNotFoundException("schema_decp_v2.0.3.json not found above " + AppContext.BaseDirectory);
    }
}
