using System.Globalization;
using Clauses.Api.Hours.Workbooks;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using static Clauses.Api.Tests.Workbooks.TestXlsx;

namespace Clauses.Api.Tests.Workbooks;

public class WorkbookAnnotatorTests
{
    private static byte[] Annotate(byte[] original, IReadOnlyList<CellError> errors)
    {
        using var input = new MemoryStream(original);
        using var output = new MemoryStream();
        WorkbookAnnotator.Annotate(input, output, errors);
        return output.ToArray();
    }

    private static Cell? FindCell(WorksheetPart part, string reference) =>
        part.Worksheet.GetFirstChild<SheetData>()!.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    private static string? FillRgb(WorkbookPart workbook, Cell cell)
    {
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var format = (CellFormat)stylesheet.CellFormats!.ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var fill = (Fill)stylesheet.Fills!.ElementAt((int)format.FillId!.Value);
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
    }

    private static WorksheetPart SheetPart(WorkbookPart workbook, string name) =>
        (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == name).Id!);

    [Fact]
    public void Faulty_cells_are_filled_red_with_a_note_and_listed_in_a_first_Erreurs_sheet()
    {
        var original = HoursTemplateTests.Template();
        CellError[] errors =
        [
            new("Heures", 2, "F", "hours", "« trente » n'est pas un nombre d'heures"),
            new("Heures", 3, "C", "employerSiret", "« 123 » n'est pas un SIRET (14 chiffres attendus)"),
            new("Heures", 3, "H", "evidenceReference", "Valeur obligatoire : Justificatif"),
        ];

        var annotated = Annotate(original, errors);

        using (var ms = new MemoryStream(annotated))
        using (var document = SpreadsheetDocument.Open(ms, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            Assert.Equal(["Erreurs", "Heures", "Mode d'emploi", "Listes"], sheets.Select(s => s.Name!.Value!));
            Assert.Equal(SheetStateValues.Hidden, sheets[3].State!.Value);

            var errorSheet = SheetPart(workbook, "Erreurs");
            var errorRows = errorSheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(4, errorRows.Count);
            Assert.Equal(["Feuille", "Cellule", "Champ", "Message"], errorRows[0].Elements<Cell>().Select(c => c.InnerText));
            Assert.Equal(["Heures", "F2", "Heures", "« trente » n'est pas un nombre d'heures"], errorRows[1].Elements<Cell>().Select(c => c.InnerText));
            Assert.Equal(["Heures", "C3", "SIRET employeur", "« 123 » n'est pas un SIRET (14 chiffres attendus)"],
                errorRows[2].Elements<Cell>().Select(c => c.InnerText));

            var hours = SheetPart(workbook, "Heures");
            Assert.Equal(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, FindCell(hours, "F2")!));
            Assert.Equal(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, FindCell(hours, "C3")!));
            Assert.NotEqual(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, FindCell(hours, "F3")!));
            Assert.NotEqual(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, FindCell(hours, "C2")!));
            // The cloned format keeps the original number format (hours "0.00").
            var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
            Assert.Equal(2U, ((CellFormat)stylesheet.CellFormats!.ElementAt((int)FindCell(hours, "F2")!.StyleIndex!.Value)).NumberFormatId!.Value);
            // A created cell (H3 was empty) takes its column's format (text) with the red fill.
            var created = FindCell(hours, "H3")!;
            Assert.Null(created.CellValue);
            Assert.Equal(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, created));
            Assert.Equal(49U, ((CellFormat)stylesheet.CellFormats!.ElementAt((int)created.StyleIndex!.Value)).NumberFormatId!.Value);

            var comments = hours.WorksheetCommentsPart!.Comments;
            var list = comments.CommentList!.Elements<Comment>().ToList();
            Assert.Equal(["F2", "C3", "H3"], list.Select(c => c.Reference!.Value!));
            Assert.Contains("« trente » n'est pas un nombre d'heures", list[0].InnerText, StringComparison.Ordinal);
            Assert.Contains("« 123 » n'est pas un SIRET", list[1].InnerText, StringComparison.Ordinal);
            Assert.Single(hours.VmlDrawingParts);
            Assert.NotNull(hours.Worksheet.GetFirstChild<LegacyDrawing>());
            Assert.Single(hours.TableDefinitionParts);
        }

        // Untouched values are unchanged: the annotated workbook reads exactly like the original.
        var before = Read(original).Rows;
        var after = Read(annotated);
        Assert.Equal("Heures", after.Summary.Sheet);
        Assert.Equal(before, after.Rows);
        Assert.Empty(after.Errors);
    }

    [Fact]
    public void Missing_cells_and_rows_are_created_and_notes_on_other_sheets_work()
    {
        var original = Build(
            new TestXlsx.Sheet("Saisie", TemplateHeader() + Row(2, ("A", 1), ("B", "P-1"), ("D", "CDI"), ("E", "03/2025"), ("F", 35)) + Row(5, ("A", 2))),
            new TestXlsx.Sheet("Autre", Row(1, ("A", "x"))));
        CellError[] errors =
        [
            new("Saisie", 2, "H", "evidenceReference", "Justificatif absent"),
            new("Saisie", 2, "C", "employerSiret", "SIRET absent"),
            new("Saisie", 4, "F", "hours", "Valeur obligatoire : Heures"),
            new("Saisie", 5, "F", "hours", "Valeur obligatoire : Heures"),
            new("Saisie", 5, "F", "hours", "Deuxième message"),
            new("Saisie", 9, "A", "lotNumber", "Valeur obligatoire : Lot"),
            new("Autre", 1, "A", "lotNumber", "Sur une autre feuille"),
            new("Saisie", 7, "", "", "Plus de 1 000 erreurs : les suivantes ne sont pas listées."),
        ];

        var annotated = Annotate(original, errors);

        using var ms = new MemoryStream(annotated);
        using var document = SpreadsheetDocument.Open(ms, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        var workbook = document.WorkbookPart!;
        var saisie = SheetPart(workbook, "Saisie");
        var rows = saisie.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal([1U, 2U, 4U, 5U, 9U], rows.Select(r => r.RowIndex!.Value));
        Assert.Equal(["A2", "B2", "C2", "D2", "E2", "F2", "H2"], rows[1].Elements<Cell>().Select(c => c.CellReference!.Value!));
        foreach (var reference in new[] { "C2", "H2", "F4", "F5", "A9" })
            Assert.Equal(WorkbookAnnotator.ErrorFillRgb, FillRgb(workbook, FindCell(saisie, reference)!));
        Assert.Equal("35", FindCell(saisie, "F2")!.CellValue!.Text);
        var notes = saisie.WorksheetCommentsPart!.Comments.CommentList!.Elements<Comment>().ToList();
        Assert.Equal(5, notes.Count);
        Assert.Contains("Valeur obligatoire : Heures\nDeuxième message", notes.Single(n => n.Reference == "F5").InnerText, StringComparison.Ordinal);
        var other = SheetPart(workbook, "Autre");
        Assert.Equal("Sur une autre feuille", other.WorksheetCommentsPart!.Comments.CommentList!.Elements<Comment>().Single().InnerText[^"Sur une autre feuille".Length..]);

        var errorRows = SheetPart(workbook, "Erreurs").Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(errors.Length + 1, errorRows.Count);
        Assert.Equal("ligne 7", errorRows[^1].Elements<Cell>().ElementAt(1).InnerText);
        Assert.Equal(1U, workbook.Workbook.BookViews!.GetFirstChild<WorkbookView>()!.ActiveTab!.Value);
    }

    [Fact]
    public void Existing_notes_are_kept_and_the_Erreurs_name_does_not_clash()
    {
        var once = Annotate(HoursTemplateTests.Template(), [new CellError("Heures", 2, "F", "hours", "Premier envoi")]);
        var twice = Annotate(once, [new CellError("Heures", 3, "A", "lotNumber", "Second envoi")]);

        using var ms = new MemoryStream(twice);
        using var document = SpreadsheetDocument.Open(ms, false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        var workbook = document.WorkbookPart!;
        Assert.Equal(["Erreurs (2)", "Erreurs", "Heures", "Mode d'emploi", "Listes"],
            workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!));
        var hours = SheetPart(workbook, "Heures");
        var notes = hours.WorksheetCommentsPart!.Comments.CommentList!.Elements<Comment>().Select(c => c.Reference!.Value!).ToList();
        Assert.Equal(["F2", "A3"], notes);
        Assert.Single(hours.VmlDrawingParts);
        Assert.Single(hours.Worksheet.Elements<LegacyDrawing>());
    }

    [Fact]
    public void A_large_sheet_is_annotated_in_a_streaming_way()
    {
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => new TemplateRow(1, "P-000123", "73282932000074", "CDI", new DateOnly(2025, 1 + (i % 12), 1), i % 200, null, null)).ToList();
        var original = HoursTemplateTests.Template(HoursTemplateTests.Input(rows));
        var annotated = Annotate(original, [new CellError("Heures", 15_000, "F", "hours", "Trop d'heures")]);

        var (read, _, summary) = Read(annotated);
        Assert.Equal(20_000, summary.Rows);
        Assert.Equal(Read(original).Rows, read);
        using var ms = new MemoryStream(annotated);
        using var document = SpreadsheetDocument.Open(ms, false);
        var hours = SheetPart(document.WorkbookPart!, "Heures");
        Assert.Equal(WorkbookAnnotator.ErrorFillRgb, FillRgb(document.WorkbookPart!, FindCell(hours, "F15000")!));
        Assert.Equal((14_998 % 200).ToString(CultureInfo.InvariantCulture), FindCell(hours, "F15000")!.CellValue!.Text);
    }
}
