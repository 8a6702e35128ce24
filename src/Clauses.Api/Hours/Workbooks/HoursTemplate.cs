using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>
/// The workbook a facilitator fills: sheet "Heures" holding an Excel table from A1 (so sorting and filtering work), drop-downs fed by a
/// hidden "Listes" sheet, and a "Mode d'emploi" sheet. Rows are streamed with <see cref="OpenXmlWriter"/>.
/// </summary>
public static class HoursTemplate
{
    public const string SheetName = "Heures";
    public const string TableName = "Heures";
    public const string ListsSheetName = "Listes";
    public const string HelpSheetName = "Mode d'emploi";

    public static readonly IReadOnlyList<string> Headers =
    [
        "Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Montant facturé HT (€)", "Justificatif",
    ];

    private static readonly double[] Widths = [8, 38, 18, 34, 12, 10, 22, 26];

    // cellXfs indices, see BuildStylesheet.
    private const uint StyleText = 1, StylePeriod = 2, StyleHours = 3, StyleAmount = 4, StyleBold = 5, StyleWrap = 6, StyleTitle = 7;

    /// <summary>Data validations and column formats reach this many rows below the existing records, for new lines.</summary>
    private const int SpareRows = 1000;

    public static void Write(Stream output, TemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        if (output.CanSeek && output.CanRead)
        {
            WritePackage(output, input);
            return;
        }
        // System.IO.Packaging needs a readable, seekable stream (e.g. not an HTTP response body).
        using var buffer = new MemoryStream();
        WritePackage(buffer, input);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static string ParticipantLabel(TemplateParticipant p) => $"{p.DisplayName} – {p.Reference}";

    private static void WritePackage(Stream output, TemplateInput input)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStrings();

        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = BuildStylesheet();

        var hoursPart = workbookPart.AddNewPart<WorksheetPart>();
        var helpPart = workbookPart.AddNewPart<WorksheetPart>();
        var listsPart = workbookPart.AddNewPart<WorksheetPart>();

        var lastDataRow = 1 + Math.Max(input.Rows.Count, 1); // a table needs at least one data row
        var tablePart = hoursPart.AddNewPart<TableDefinitionPart>();
        tablePart.Table = BuildTable(lastDataRow);
        WriteHoursSheet(hoursPart, hoursPart.GetIdOfPart(tablePart), input, strings, lastDataRow);
        WriteHelpSheet(helpPart, input, strings);
        var listRanges = WriteListsSheet(listsPart, input, strings);

        var sharedStringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
        strings.Write(sharedStringsPart);

        workbookPart.Workbook = new S.Workbook(
            new S.BookViews(new S.WorkbookView { ActiveTab = 0U, FirstSheet = 0U }),
            new S.Sheets(
                new S.Sheet { Name = SheetName, SheetId = 1U, Id = workbookPart.GetIdOfPart(hoursPart) },
                new S.Sheet { Name = HelpSheetName, SheetId = 2U, Id = workbookPart.GetIdOfPart(helpPart) },
                new S.Sheet { Name = ListsSheetName, SheetId = 3U, Id = workbookPart.GetIdOfPart(listsPart), State = S.SheetStateValues.Hidden }),
            new S.DefinedNames(
                new S.DefinedName($"{ListsSheetName}!{listRanges.Lots}") { Name = "ListeLots" },
                new S.DefinedName($"{ListsSheetName}!{listRanges.Participants}") { Name = "ListeParticipants" },
                new S.DefinedName($"{ListsSheetName}!{listRanges.Modalities}") { Name = "ListeModalites" }));
        workbookPart.Workbook.Save();
    }

    private static S.Table BuildTable(int lastDataRow)
    {
        var reference = $"A1:H{lastDataRow.ToString(CultureInfo.InvariantCulture)}";
        var columns = new S.TableColumns { Count = (uint)Headers.Count };
        for (var i = 0; i < Headers.Count; i++) columns.Append(new S.TableColumn { Id = (uint)(i + 1), Name = Headers[i] });
        return new S.Table(
            new S.AutoFilter { Reference = reference },
            columns,
            new S.TableStyleInfo { Name = "TableStyleMedium2", ShowFirstColumn = false, ShowLastColumn = false, ShowRowStripes = true, ShowColumnStripes = false })
        {
            Id = 1U,
            Name = TableName,
            DisplayName = TableName,
            Reference = reference,
            TotalsRowShown = false,
        };
    }

    private static void WriteHoursSheet(WorksheetPart part, string tableRelationshipId, TemplateInput input, SharedStrings strings, int lastDataRow)
    {
        var participants = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in input.Participants) participants.TryAdd(p.Reference, ParticipantLabel(p));
        var modalities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in input.Modalities) modalities.TryAdd(m.Code, m.Label);

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new S.Worksheet());
        writer.WriteElement(new S.SheetViews(new S.SheetView(
            new S.Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = S.PaneValues.BottomLeft, State = S.PaneStateValues.Frozen },
            new S.Selection { Pane = S.PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { TabSelected = true, WorkbookViewId = 0U }));
        writer.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15D });
        var columns = new S.Columns();
        uint[] columnStyles = [0, 0, StyleText, 0, StylePeriod, StyleHours, StyleAmount, StyleText];
        for (var i = 0; i < Widths.Length; i++)
        {
            var column = new S.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Widths[i], CustomWidth = true };
            if (columnStyles[i] != 0) column.Style = columnStyles[i];
            columns.Append(column);
        }
        writer.WriteElement(columns);

        writer.WriteStartElement(new S.SheetData());
        var cells = new CellWriter(writer, strings);
        cells.StartRow(1);
        for (var i = 0; i < Headers.Count; i++) cells.Text(i, Headers[i], 0);
        cells.EndRow();
        var rowNumber = 1;
        foreach (var row in input.Rows)
        {
            rowNumber++;
            cells.StartRow(rowNumber);
            cells.Number(0, (decimal)row.LotNumber, 0);
            cells.Text(1, participants.GetValueOrDefault(row.ParticipantReference) ?? row.ParticipantReference, 0);
            cells.Text(2, row.EmployerSiret, StyleText);
            cells.Text(3, modalities.GetValueOrDefault(row.Modality) ?? row.Modality, 0);
            cells.Number(4, CellParsing.ToSerial(new DateOnly(row.Period.Year, row.Period.Month, 1)), StylePeriod);
            cells.Number(5, row.Hours, StyleHours);
            if (row.InvoicedAmountHt is { } amount) cells.Number(6, amount, StyleAmount);
            if (!string.IsNullOrEmpty(row.EvidenceReference)) cells.Text(7, row.EvidenceReference, StyleText);
            cells.EndRow();
        }
        writer.WriteEndElement(); // sheetData

        var validationEnd = Math.Min(lastDataRow + SpareRows, 1_048_576).ToString(CultureInfo.InvariantCulture);
        writer.WriteElement(new S.DataValidations(
            ListValidation($"A2:A{validationEnd}", "ListeLots", "Lot", "Choisissez un lot dans la liste.", S.DataValidationErrorStyleValues.Stop),
            ListValidation($"B2:B{validationEnd}", "ListeParticipants", "Participant",
                "Choisissez un participant dans la liste (« NOM Prénom – référence »).", S.DataValidationErrorStyleValues.Warning),
            ListValidation($"D2:D{validationEnd}", "ListeModalites", "Modalité", "Choisissez une modalité dans la liste.",
                S.DataValidationErrorStyleValues.Stop),
            new S.DataValidation(new S.Formula1("36526"), new S.Formula2("73050"))
            {
                Type = S.DataValidationValues.Date, Operator = S.DataValidationOperatorValues.Between, AllowBlank = true,
                ShowErrorMessage = true, ShowInputMessage = true, ErrorTitle = "Période", Error = "Saisissez le mois sous forme de date, par exemple 01/03/2025.",
                PromptTitle = "Période", Prompt = "Le mois concerné, par exemple 01/03/2025 (affiché 03/2025).",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"E2:E{validationEnd}" },
            },
            new S.DataValidation(new S.Formula1("0"), new S.Formula2("208"))
            {
                Type = S.DataValidationValues.Decimal, Operator = S.DataValidationOperatorValues.Between, AllowBlank = true,
                ShowErrorMessage = true, ShowInputMessage = true, ErrorTitle = "Heures",
                Error = "Saisissez un nombre d'heures entre 0 et 208 (maximum légal sur un mois).",
                PromptTitle = "Heures", Prompt = "Un nombre, par exemple 35 ou 35,5.",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"F2:F{validationEnd}" },
            })
        { Count = 5U });
        writer.WriteElement(new S.PageMargins { Left = 0.7D, Right = 0.7D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
        writer.WriteElement(new S.TableParts(new S.TablePart { Id = tableRelationshipId }) { Count = 1U });
        writer.WriteEndElement(); // worksheet
    }

    private static S.DataValidation ListValidation(string range, string listName, string title, string message, S.DataValidationErrorStyleValues style) =>
        new(new S.Formula1(listName))
        {
            Type = S.DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true, ErrorStyle = style,
            ErrorTitle = title, Error = message, PromptTitle = title, Prompt = message,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        };

    private static (string Lots, string Participants, string Modalities) WriteListsSheet(WorksheetPart part, TemplateInput input, SharedStrings strings)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new S.Worksheet());
        writer.WriteElement(new S.Columns(
            new S.Column { Min = 1U, Max = 1U, Width = 8D, CustomWidth = true },
            new S.Column { Min = 2U, Max = 2U, Width = 40D, CustomWidth = true },
            new S.Column { Min = 3U, Max = 3U, Width = 40D, CustomWidth = true },
            new S.Column { Min = 4U, Max = 4U, Width = 40D, CustomWidth = true },
            new S.Column { Min = 5U, Max = 5U, Width = 16D, CustomWidth = true }));
        writer.WriteStartElement(new S.SheetData());
        var cells = new CellWriter(writer, strings);
        cells.StartRow(1);
        string[] titles = ["Lots", "Intitulé du lot", "Participants (nom – référence)", "Libellés des modalités", "Code modalité"];
        for (var i = 0; i < titles.Length; i++) cells.Text(i, titles[i], StyleBold);
        cells.EndRow();
        var count = Math.Max(input.Lots.Count, Math.Max(input.Participants.Count, input.Modalities.Count));
        for (var i = 0; i < count; i++)
        {
            cells.StartRow(i + 2);
            if (i < input.Lots.Count)
            {
                cells.Number(0, (decimal)input.Lots[i].Number, 0);
                cells.Text(1, input.Lots[i].Title, 0);
            }
            if (i < input.Participants.Count) cells.Text(2, ParticipantLabel(input.Participants[i]), 0);
            if (i < input.Modalities.Count)
            {
                cells.Text(3, input.Modalities[i].Label, 0);
                cells.Text(4, input.Modalities[i].Code, 0);
            }
            cells.EndRow();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        static string Range(char column, int n) =>
            FormattableString.Invariant($"${column}$2:${column}${Math.Max(n, 1) + 1}");
        return (Range('A', input.Lots.Count), Range('C', input.Participants.Count), Range('D', input.Modalities.Count));
    }

    private static void WriteHelpSheet(WorksheetPart part, TemplateInput input, SharedStrings strings)
    {
        var period = input.Period.ToString("MM/yyyy", CultureInfo.InvariantCulture);
        string[] lines =
        [
            $"Déclaration des heures d'insertion — {input.ContractReference} · {input.ContractTitle}",
            $"Période proposée : {period}",
            "",
            "1. Remplissez la feuille « Heures » : une ligne par personne, par lot, par modalité et par mois.",
            "2. Lot, Participant et Modalité : choisissez une valeur dans la liste déroulante de la cellule.",
            "   Personne absente de la liste : ajoutez des colonnes « Nom », « Prénom » et « Date de naissance » et laissez « Participant » vide.",
            "3. SIRET employeur : les 14 chiffres de l'établissement qui emploie la personne (les espaces sont acceptés).",
            "4. Période : le mois concerné, saisi comme une date (01/03/2025 s'affiche 03/2025). Une semaine (2025-W10) ou un trimestre (T1 2025) sont aussi acceptés.",
            "5. Heures : un nombre, par exemple 35 ou 35,5 — pas de texte comme « 35 h ». Au plus 208 heures par mois (48 h par semaine).",
            "6. Montant facturé HT (€) : pour une sous-traitance à une structure d'insertion, le montant hors taxes facturé pour la période.",
            "7. Justificatif : la référence de la pièce (contrat de travail, relevé d'heures, facture…).",
            "8. Les formules ne sont pas acceptées : copiez les cellules puis « Collage spécial › Valeurs ». Un texte commençant par =, +, - ou @ est refusé.",
            "9. Vous pouvez trier, filtrer et ajouter des lignes sous le tableau ; ne modifiez pas les titres des colonnes.",
            "10. Une ligne déjà déclarée (même personne, lot, modalité et période) est remplacée lors d'un nouvel envoi, jamais additionnée.",
            "",
            "Envoi : enregistrez le fichier au format Excel (.xlsx), sans mot de passe, puis déposez-le dans Clauses (Heures › Importer un fichier).",
            "Si des cellules sont refusées, vous recevez le classeur en retour : elles sont surlignées en rouge avec un commentaire, et la feuille « Erreurs » les liste.",
        ];
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new S.Worksheet());
        writer.WriteElement(new S.Columns(new S.Column { Min = 1U, Max = 1U, Width = 130D, CustomWidth = true }));
        writer.WriteStartElement(new S.SheetData());
        var cells = new CellWriter(writer, strings);
        for (var i = 0; i < lines.Length; i++)
        {
            cells.StartRow(i + 1);
            if (lines[i].Length > 0) cells.Text(0, lines[i], i == 0 ? StyleTitle : StyleWrap);
            cells.EndRow();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static S.Stylesheet BuildStylesheet() => new(
        new S.NumberingFormats(new S.NumberingFormat { NumberFormatId = 164U, FormatCode = "mm/yyyy" }) { Count = 1U },
        new S.Fonts(
            new S.Font(new S.FontSize { Val = 11D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }),
            new S.Font(new S.Bold(), new S.FontSize { Val = 11D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }),
            new S.Font(new S.Bold(), new S.FontSize { Val = 14D }, new S.FontName { Val = "Calibri" }, new S.FontFamilyNumbering { Val = 2 }))
        { Count = 3U },
        new S.Fills(
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }))
        { Count = 2U },
        new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder())) { Count = 1U },
        new S.CellStyleFormats(new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new S.CellFormats(
            new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new S.CellFormat { NumberFormatId = 49U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new S.CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new S.CellFormat { NumberFormatId = 2U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new S.CellFormat { NumberFormatId = 4U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new S.CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new S.CellFormat(new S.Alignment { WrapText = true, Vertical = S.VerticalAlignmentValues.Top })
            { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyAlignment = true },
            new S.CellFormat { NumberFormatId = 0U, FontId = 2U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true })
        { Count = 8U },
        new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    /// <summary>The shared-string table, filled while rows are written.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _items = [];
        public int References { get; set; }

        public int Add(string text)
        {
            References++;
            if (_index.TryGetValue(text, out var i)) return i;
            i = _items.Count;
            _index.Add(text, i);
            _items.Add(text);
            return i;
        }

        public void Write(SharedStringTablePart part)
        {
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new S.SharedStringTable { Count = (uint)References, UniqueCount = (uint)_items.Count });
            foreach (var item in _items)
            {
                var text = new S.Text(item);
                if (item.Length > 0 && (char.IsWhiteSpace(item[0]) || char.IsWhiteSpace(item[^1]))) text.Space = SpaceProcessingModeValues.Preserve;
                writer.WriteElement(new S.SharedStringItem(text));
            }
            writer.WriteEndElement();
        }
    }

    /// <summary>Writes &lt;row&gt; and &lt;c&gt; elements with reused attribute lists.</summary>
    private sealed class CellWriter(OpenXmlWriter writer, SharedStrings strings)
    {
        private readonly List<OpenXmlAttribute> _attributes = new(3);
        private string _row = "1";

        public void StartRow(int number)
        {
            _row = number.ToString(CultureInfo.InvariantCulture);
            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", "", _row));
            writer.WriteStartElement(new S.Row(), _attributes);
        }

        public void EndRow() => writer.WriteEndElement();

        private void Start(int column, uint style, string? type)
        {
            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", "", WorkbookText.ColumnLetters(column) + _row));
            if (style != 0) _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
            if (type is not null) _attributes.Add(new OpenXmlAttribute("t", "", type));
            writer.WriteStartElement(new S.Cell(), _attributes);
        }

        public void Text(int column, string text, uint style)
        {
            Start(column, style, "s");
            writer.WriteElement(new S.CellValue(strings.Add(text).ToString(CultureInfo.InvariantCulture)));
            writer.WriteEndElement();
        }

        public void Number(int column, decimal value, uint style) => Number(column, value.ToString(CultureInfo.InvariantCulture), style);

        public void Number(int column, double value, uint style) => Number(column, value.ToString("R", CultureInfo.InvariantCulture), style);

        private void Number(int column, string value, uint style)
        {
            Start(column, style, null);
            writer.WriteElement(new S.CellValue(value));
            writer.WriteEndElement();
        }
    }
}
