using Clauses.Api.Hours.Workbooks;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Clauses.Api.Tests.Workbooks;

public class HoursTemplateTests
{
    internal static TemplateInput Input(IReadOnlyList<TemplateRow>? rows = null) => new(
        "M-2025-014", "Construction du groupe scolaire", new DateOnly(2025, 3, 1),
        [new TemplateLot(1, "Gros œuvre"), new TemplateLot(2, "Menuiseries"), new TemplateLot(4, "Espaces verts")],
        [new TemplateParticipant("P-000123", "DUPONT Marie"), new TemplateParticipant("P-000456", "N'DIAYE Moussa"), new TemplateParticipant("P-000789", "LEFÈVRE Éloïse")],
        TestXlsx.Modalities,
        rows ??
        [
            new TemplateRow(1, "P-000123", "73282932000074", "CDI", new DateOnly(2025, 3, 1), 35.5m, null, "CT-2025-001"),
            new TemplateRow(2, "P-000456", "01234567890123", "ETTI", new DateOnly(2025, 2, 1), 151.67m, null, null),
            new TemplateRow(4, "P-000789", "44306184100047", "SOUS_TRAITANCE_SIAE", new DateOnly(2025, 1, 1), 120m, 4250.80m, "FAC-17"),
        ]);

    internal static byte[] Template(TemplateInput? input = null)
    {
        using var ms = new MemoryStream();
        HoursTemplate.Write(ms, input ?? Input());
        return ms.ToArray();
    }

    [Fact]
    public void Reading_the_template_gives_back_its_rows()
    {
        var input = Input();
        var (rows, errors, summary) = TestXlsx.Read(Template(input));

        Assert.Empty(errors);
        Assert.Equal("Heures", summary.Sheet);
        Assert.Equal(3, summary.Rows);
        Assert.Equal("F", summary.Columns["hours"]);
        Assert.Equal(3, rows.Count);
        for (var i = 0; i < 3; i++)
        {
            var expected = input.Rows[i];
            var actual = rows[i];
            Assert.Equal(i + 2, actual.Row);
            Assert.Equal(expected.LotNumber, actual.LotNumber);
            Assert.Equal(expected.ParticipantReference, actual.ParticipantReference);
            Assert.Equal(expected.EmployerSiret, actual.EmployerSiret);
            Assert.Equal(expected.Modality, actual.Modality);
            Assert.Equal(new ImportPeriod(expected.Period, "mois"), actual.Period);
            Assert.Equal(expected.Hours, actual.Hours);
            Assert.Equal(expected.InvoicedAmountHt, actual.InvoicedAmountHt);
            Assert.Equal(expected.EvidenceReference, actual.EvidenceReference);
        }
    }

    [Fact]
    public void Template_is_a_valid_workbook_with_a_table_drop_downs_and_hidden_lists()
    {
        using var ms = new MemoryStream(Template());
        using var document = SpreadsheetDocument.Open(ms, false);

        var validationErrors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(validationErrors);

        var workbookPart = document.WorkbookPart!;
        var sheets = workbookPart.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Heures", "Mode d'emploi", "Listes"], sheets.Select(s => s.Name!.Value!));
        Assert.Equal(SheetStateValues.Hidden, sheets[2].State!.Value);
        Assert.Null(sheets[0].State);

        var hours = (WorksheetPart)workbookPart.GetPartById(sheets[0].Id!);
        var table = Assert.Single(hours.TableDefinitionParts).Table;
        Assert.Equal("Heures", table.Name!.Value);
        Assert.Equal("A1:H4", table.Reference!.Value);
        Assert.StartsWith("TableStyleMedium", table.TableStyleInfo!.Name!.Value, StringComparison.Ordinal);
        string[] headers = ["Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Montant facturé HT (€)", "Justificatif"];
        Assert.Equal(headers, table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value!));

        var strings = workbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var sheetData = hours.Worksheet.GetFirstChild<SheetData>()!;
        var headerRow = sheetData.Elements<Row>().First();
        Assert.Equal(1U, headerRow.RowIndex!.Value);
        Assert.Equal(headers, headerRow.Elements<Cell>().Select(c => strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]));
        var participantCell = sheetData.Elements<Row>().ElementAt(1).Elements<Cell>().ElementAt(1);
        Assert.Equal("DUPONT Marie – P-000123", strings[int.Parse(participantCell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]);

        var validations = hours.Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
        foreach (var (column, name) in new[] { ("A", "ListeLots"), ("B", "ListeParticipants"), ("D", "ListeModalites") })
        {
            var list = Assert.Single(validations, v => v.SequenceOfReferences!.InnerText!.StartsWith(column + "2:", StringComparison.Ordinal));
            Assert.Equal(DataValidationValues.List, list.Type!.Value);
            Assert.Equal(name, list.Formula1!.Text);
            var definedName = workbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.Name == name);
            Assert.StartsWith("Listes!$", definedName.Text, StringComparison.Ordinal);
        }
        var hoursValidation = Assert.Single(validations, v => v.SequenceOfReferences!.InnerText!.StartsWith("F2:", StringComparison.Ordinal));
        Assert.Equal(DataValidationValues.Decimal, hoursValidation.Type!.Value);
        Assert.Equal("0", hoursValidation.Formula1!.Text);
        Assert.Equal("208", hoursValidation.Formula2!.Text);

        var pane = hours.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        // The period is a real date displayed mm/yyyy.
        var periodCell = sheetData.Elements<Row>().ElementAt(1).Elements<Cell>().ElementAt(4);
        Assert.Null(periodCell.DataType);
        var format = (CellFormat)workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)periodCell.StyleIndex!.Value);
        var numberFormat = workbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Equal("mm/yyyy", numberFormat.FormatCode!.Value);

        var lists = (WorksheetPart)workbookPart.GetPartById(sheets[2].Id!);
        Assert.Contains("LEFÈVRE Éloïse – P-000789", strings);
        Assert.NotNull(lists.Worksheet.GetFirstChild<SheetData>());
        var help = (WorksheetPart)workbookPart.GetPartById(sheets[1].Id!);
        Assert.Contains(strings, s => s.Contains("formules ne sont pas acceptées", StringComparison.Ordinal));
        Assert.NotEmpty(help.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>());
    }

    [Fact]
    public void An_empty_template_still_has_a_valid_table_and_reads_no_rows()
    {
        var bytes = Template(Input([]));
        using (var ms = new MemoryStream(bytes))
        using (var document = SpreadsheetDocument.Open(ms, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var hours = document.WorkbookPart!.WorksheetParts.First(p => p.TableDefinitionParts.Any());
            Assert.Equal("A1:H2", hours.TableDefinitionParts.Single().Table.Reference!.Value);
        }
        var (rows, errors, summary) = TestXlsx.Read(bytes);
        Assert.Empty(rows);
        Assert.Empty(errors);
        Assert.Equal(0, summary.Rows);
    }

    [Fact]
    public void Template_can_be_written_to_a_forward_only_stream()
    {
        using var target = new ForwardOnlyStream();
        HoursTemplate.Write(target, Input());
        var (rows, _, _) = TestXlsx.Read(target.Inner.ToArray());
        Assert.Equal(3, rows.Count);
    }

    private sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Inner { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);
    }
}
