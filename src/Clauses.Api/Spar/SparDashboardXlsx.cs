using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Clauses.Api.Spar;

/// <summary>
/// The dashboard as an Excel workbook: one sheet per block (<see cref="SparDashboardExport.Tables"/>), a title row naming the
/// organisation and the year, French headers with a filter, numbers and dates as real cells in their unit's format.
/// </summary>
public static class SparDashboardXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The header row; the title is in row 1, the data start below the header.</summary>
    public const int HeaderRow = 3;

    // cellXfs indices, see Styles().
    private const uint StyleTitle = 1, StyleHeader = 2, StyleHours = 3, StyleCount = 4, StyleEuros = 5, StylePoints = 6, StyleFigure = 7, StyleDate = 8;

    private static readonly int Epoch = new DateOnly(1899, 12, 30).DayNumber;

    public static byte[] Write(SparDashboard dashboard)
    {
        var title = SparDashboardExport.Title(dashboard);
        var tables = SparDashboardExport.Tables(dashboard);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new S.Sheets();
            var filters = new S.DefinedNames();
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(title, table, i == 0);
                sheets.Append(new S.Sheet { Name = table.Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
                // Excel keeps a sheet's filter range in this hidden name; without it, it may offer to repair the file.
                filters.Append(new S.DefinedName($"'{table.Name}'!{FilterRange(table, absolute: true)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true,
                });
            }
            workbookPart.Workbook = new S.Workbook(sheets, filters);
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static S.Worksheet Worksheet(string title, SparTable table, bool selected)
    {
        var data = new S.SheetData();
        data.Append(Row(1, [Text("A1", title, StyleTitle)]));
        data.Append(Row(HeaderRow, table.Headers.Select((h, c) => Text(Reference(c, HeaderRow), h, StyleHeader))));
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var rowNumber = HeaderRow + 1 + r;
            data.Append(Row(rowNumber, table.Rows[r].Select((cell, c) => Cell(Reference(c, rowNumber), cell)).OfType<S.Cell>()));
        }

        var columns = new S.Columns();
        for (var c = 0; c < table.Headers.Count; c++)
            columns.Append(new S.Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Width(table, c), CustomWidth = true });

        return new S.Worksheet(
            new S.SheetViews(new S.SheetView(
                new S.Pane
                {
                    VerticalSplit = HeaderRow, TopLeftCell = Reference(0, HeaderRow + 1), ActivePane = S.PaneValues.BottomLeft,
                    State = S.PaneStateValues.Frozen,
                })
            { TabSelected = selected, WorkbookViewId = 0U }),
            columns,
            data,
            new S.AutoFilter { Reference = FilterRange(table, absolute: false) },
            new S.PageMargins { Left = 0.7D, Right = 0.7D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
    }

    private static string FilterRange(SparTable table, bool absolute)
    {
        var last = Math.Max(HeaderRow + table.Rows.Count, HeaderRow + 1).ToString(CultureInfo.InvariantCulture);
        var header = HeaderRow.ToString(CultureInfo.InvariantCulture);
        var end = Column(table.Headers.Count - 1);
        return absolute ? $"$A${header}:${end}${last}" : $"A{header}:{end}{last}";
    }

    private static S.Row Row(int number, IEnumerable<S.Cell> cells) => new(cells) { RowIndex = (uint)number };

    private static S.Cell? Cell(string reference, SparCell cell) => cell switch
    {
        { Number: { } n } => Number(reference, n, cell.Format switch
        {
            SparCellFormat.Hours => StyleHours,
            SparCellFormat.Count => StyleCount,
            SparCellFormat.Euros => StyleEuros,
            SparCellFormat.Points => StylePoints,
            _ => StyleFigure,
        }),
        { Date: { } d } => Number(reference, d.DayNumber - Epoch, StyleDate),
        { Text: { Length: > 0 } text } => Text(reference, text, 0),
        _ => null,
    };

    private static S.Cell Number(string reference, decimal value, uint style) =>
        new(new S.CellValue(value.ToString(CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = style };

    private static S.Cell Text(string reference, string text, uint style)
    {
        var t = new S.Text(text);
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) t.Space = SpaceProcessingModeValues.Preserve;
        var cell = new S.Cell(new S.InlineString(t)) { CellReference = reference, DataType = S.CellValues.InlineString };
        if (style != 0) cell.StyleIndex = style;
        return cell;
    }

    /// <summary>Wide enough for the header and the longest value, within reason (definitions wrap in Excel's formula bar).</summary>
    private static double Width(SparTable table, int column)
    {
        var longest = table.Headers[column].Length;
        foreach (var row in table.Rows)
        {
            var cell = row[column];
            var length = cell.Text?.Length ?? (cell.Number is { } n ? n.ToString("#,##0.00", CultureInfo.InvariantCulture).Length : cell.Date is null ? 0 : 10);
            longest = Math.Max(longest, length);
        }
        return Math.Clamp(longest + 2, 8, 60);
    }

    private static string Reference(int column, int row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static S.Stylesheet Styles() => new(
        new S.NumberingFormats(
            new S.NumberingFormat { NumberFormatId = 164U, FormatCode = "0.0" },
            new S.NumberingFormat { NumberFormatId = 165U, FormatCode = "dd/mm/yyyy" })
        { Count = 2U },
        new S.Fonts(
            new S.Font(new S.FontSize { Val = 11D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }),
            new S.Font(new S.Bold(), new S.FontSize { Val = 14D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }),
            new S.Font(new S.Bold(), new S.FontSize { Val = 11D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }))
        { Count = 3U },
        new S.Fills(
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }),
            new S.Fill(new S.PatternFill(new S.ForegroundColor { Rgb = "FFEBF3FC" }) { PatternType = S.PatternValues.Solid }))
        { Count = 3U },
        new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder())) { Count = 1U },
        new S.CellStyleFormats(new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new S.CellFormats(
            new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new S.CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new S.CellFormat { NumberFormatId = 0U, FontId = 2U, FillId = 2U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyFill = true },
            NumberStyle(4U),    // hours: #,##0.00
            NumberStyle(3U),    // counts: #,##0
            NumberStyle(3U),    // euros: #,##0
            NumberStyle(164U),  // percentage points: 0.0
            NumberStyle(4U),    // indicator values: #,##0.00
            NumberStyle(165U))  // dates
        { Count = 9U },
        new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    private static S.CellFormat NumberStyle(uint format) =>
        new() { NumberFormatId = format, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true };
}
