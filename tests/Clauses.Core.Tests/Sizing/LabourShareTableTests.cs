using Clauses.Core.Sizing;

namespace Clauses.Core.Tests.Sizing;

public class LabourShareTableTests
{
    [Theory]
    [InlineData("peinture_interieure", "Peinture intérieure", "0.70", "mefsud77")]
    [InlineData("maconnerie", "Maçonnerie", "0.50", "mefsud77")]
    [InlineData("gros_oeuvre", "Gros œuvre", "0.50", "mefsud77")]
    [InlineData("charpente_metallique", "Charpente métallique", "0.20", "mefsud77")]
    [InlineData("moyenne_batiment", "Bâtiment, moyenne tous corps d'état", "0.50", "mefsud77")]
    [InlineData("services_exemple", "Prestations de services (exemple)", "0.70", "MDE Alès")]
    public void Sourced_values_are_flagged_as_sourced_with_their_reference(string trade, string label, string share, string reference)
    {
        var entry = LabourShareTable.Find(LabourShareTable.Default, trade)!;
        Assert.Equal(label, entry.Label);
        Assert.Equal(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), entry.Share);
        Assert.Equal(LabourShareSource.TableSourcee, entry.Source);
        Assert.Contains(reference, entry.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_six_sourced_values_are_flagged_as_sourced() =>
        Assert.Equal(["peinture_interieure", "maconnerie", "gros_oeuvre", "charpente_metallique", "moyenne_batiment", "services_exemple"],
            LabourShareTable.Default.Where(e => e.Source == LabourShareSource.TableSourcee).Select(e => e.Trade));

    [Theory]
    [InlineData("nettoyage", "0.85")]
    [InlineData("espaces_verts", "0.60")]
    [InlineData("vrd", "0.30")]
    [InlineData("second_oeuvre", "0.60")]
    [InlineData("menuiserie", "0.55")]
    [InlineData("plomberie", "0.50")]
    [InlineData("electricite", "0.50")]
    [InlineData("couverture", "0.50")]
    [InlineData("carrelage", "0.60")]
    [InlineData("collecte_dechets", "0.60")]
    [InlineData("restauration", "0.50")]
    [InlineData("gardiennage", "0.85")]
    [InlineData("maintenance", "0.55")]
    [InlineData("fournitures", "0.10")]
    public void Other_trades_are_defaults_to_be_validated_without_reference(string trade, string share)
    {
        var entry = LabourShareTable.Find(LabourShareTable.Default, trade)!;
        Assert.Equal(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), entry.Share);
        Assert.Equal(LabourShareSource.TableAValider, entry.Source);
        Assert.Null(entry.Reference);
    }

    [Theory]
    [InlineData("vrd", "Voirie et réseaux divers (VRD)")]
    [InlineData("electricite", "Électricité")]
    [InlineData("second_oeuvre", "Second œuvre")]
    [InlineData("nettoyage", "Nettoyage et propreté des locaux")]
    public void Trades_have_french_labels(string trade, string label) =>
        Assert.Equal(label, LabourShareTable.Find(LabourShareTable.Default, trade)!.Label);

    [Fact]
    public void Every_entry_has_a_valid_trade_code_a_share_in_range_and_a_known_source()
    {
        Assert.Equal(LabourShareTable.Default.Count, LabourShareTable.Default.Select(e => e.Trade).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(LabourShareTable.Default.Count, LabourShareTable.Default.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count());
        foreach (var entry in LabourShareTable.Default)
        {
            Assert.Matches(@"\A[a-z0-9_]{1,60}\z", entry.Trade);
            Assert.InRange(entry.Share, 0.0001m, 1m);
            Assert.Equal(decimal.Round(entry.Share, 4), entry.Share);
            Assert.True(LabourShareSource.Terms.IsKnown(entry.Source));
            Assert.True(char.IsUpper(entry.Label[0]), entry.Label);
        }
    }

    [Fact]
    public void Table_covers_the_required_trades()
    {
        string[] required = ["gros_oeuvre", "maconnerie", "peinture_interieure", "menuiserie", "plomberie", "electricite", "charpente_metallique",
            "couverture", "carrelage", "vrd", "second_oeuvre", "nettoyage", "espaces_verts", "collecte_dechets", "restauration", "gardiennage",
            "maintenance", "moyenne_batiment", "services_exemple", "fournitures"];
        foreach (var trade in required)
        {
            Assert.NotNull(LabourShareTable.Find(LabourShareTable.Default, trade));
        }
    }

    [Fact]
    public void Override_replaces_the_share_keeps_the_label_and_marks_the_organisation_as_source()
    {
        var table = LabourShareTable.Resolve([new LabourShareOverride("peinture_interieure", 0.65m, "Étude interne 2025")]);
        Assert.Equal(LabourShareTable.Default.Count, table.Count);
        Assert.Equal(new LabourShareEntry("peinture_interieure", "Peinture intérieure", 0.65m, LabourShareSource.Organisation, "Étude interne 2025"),
            LabourShareTable.Find(table, "peinture_interieure"));
        Assert.Equal(0.70m, LabourShareTable.Find(LabourShareTable.Default, "peinture_interieure")!.Share);
    }

    [Fact]
    public void Override_of_a_new_trade_is_added_at_the_end()
    {
        var table = LabourShareTable.Resolve([new LabourShareOverride("desamiantage", 0.45m, null)]);
        Assert.Equal(LabourShareTable.Default.Count + 1, table.Count);
        Assert.Equal(new LabourShareEntry("desamiantage", "desamiantage", 0.45m, LabourShareSource.Organisation, null), table[^1]);
    }

    [Fact]
    public void Later_override_of_the_same_trade_wins() =>
        Assert.Equal(0.40m, LabourShareTable.Find(LabourShareTable.Resolve(
            [new LabourShareOverride("vrd", 0.35m, null), new LabourShareOverride("vrd", 0.40m, null)]), "vrd")!.Share);

    [Fact]
    public void No_override_gives_the_default_table() =>
        Assert.Equal(LabourShareTable.Default, LabourShareTable.Resolve([]));

    [Theory]
    [InlineData("Peinture", "0.5")]
    [InlineData("", "0.5")]
    [InlineData("vrd", "0")]
    [InlineData("vrd", "1.01")]
    [InlineData("vrd", "0.12345")]
    public void Invalid_override_is_refused(string trade, string share) =>
        Assert.Throws<ArgumentException>(() => LabourShareTable.Resolve(
            [new LabourShareOverride(trade, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), null)]));

    [Fact]
    public void Override_validation_reports_french_field_errors()
    {
        var errors = LabourShareTable.ValidateOverride(new LabourShareOverride("Peinture Int", 1.5m, new string('x', 501))).ToDictionary();
        Assert.Equal(["Le code du corps d'état doit comporter de 1 à 60 lettres minuscules sans accent, chiffres ou « _ »."], errors["trade"]);
        Assert.Equal(["La part de main-d'œuvre doit être supérieure à 0\u00A0% et au plus égale à 100\u00A0%."], errors["share"]);
        Assert.Equal(["La source ne doit pas dépasser 500 caractères."], errors["reference"]);
    }

    [Fact]
    public void Valid_override_passes_validation() =>
        Assert.True(LabourShareTable.ValidateOverride(new LabourShareOverride(new string('a', 60), 1m, new string('x', 500))).IsValid);

    [Fact]
    public void Trade_code_of_61_characters_is_refused() =>
        Assert.Equal(["trade"], LabourShareTable.ValidateOverride(new LabourShareOverride(new string('a', 61), 0.5m, null)).Fields);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inconnu")]
    [InlineData("Maconnerie")]
    [InlineData("maconnerie ")]
    public void Unknown_or_missing_trade_is_not_found(string? trade) =>
        Assert.Null(LabourShareTable.Find(LabourShareTable.Default, trade));
}
