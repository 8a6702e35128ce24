using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Clauses.Api.Hours.Workbooks;

namespace Clauses.Api.Tests.Workbooks;

/// <summary>Hand-written .xlsx packages for the reader and annotator tests (zip + minimal SpreadsheetML, no SDK involved).</summary>
internal static class TestXlsx
{
    public const int DateStyle = 1;      // built-in 14 (jj/mm/aaaa)
    public const int MonthStyle = 2;     // custom "mm/yyyy"

    public static readonly IReadOnlyList<TemplateModality> Modalities =
    [
        new("CDI", "Embauche directe en CDI"),
        new("ETTI", "Mise à disposition par une ETTI"),
        new("SOUS_TRAITANCE_SIAE", "Sous-traitance à une SIAE"),
    ];

    /// <summary>A sheet: its name and the XML of its rows (inside &lt;sheetData&gt;).</summary>
    public sealed record Sheet(string Name, string RowsXml, bool Hidden = false);

    public static byte[] Build(params Sheet[] sheets) => Build(sheets, sharedStrings: null);

    public static byte[] Build(Sheet[] sheets, string[]? sharedStrings, string? stylesXml = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = new StringBuilder();
            for (var i = 0; i < sheets.Length; i++)
                overrides.Append(CultureInfo.InvariantCulture,
                    $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            if (sharedStrings is not null)
                overrides.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + overrides + "</Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            var sheetsXml = new StringBuilder();
            var rels = new StringBuilder();
            for (var i = 0; i < sheets.Length; i++)
            {
                sheetsXml.Append(CultureInfo.InvariantCulture,
                    $"<sheet name=\"{SecurityElement.Escape(sheets[i].Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"{(sheets[i].Hidden ? " state=\"hidden\"" : "")}/>");
                rels.Append(CultureInfo.InvariantCulture,
                    $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
            }
            rels.Append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
            if (sharedStrings is not null)
                rels.Append("<Relationship Id=\"rIdSst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            Add(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>" + sheetsXml + "</sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels + "</Relationships>");
            Add(zip, "xl/styles.xml", stylesXml ?? Styles);
            if (sharedStrings is not null)
            {
                var sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
                foreach (var s in sharedStrings) sst.Append(s.StartsWith('<') ? $"<si>{s}</si>" : $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>");
                Add(zip, "xl/sharedStrings.xml", sst + "</sst>");
            }
            for (var i = 0; i < sheets.Length; i++) Add(zip, $"xl/worksheets/sheet{i + 1}.xml", SheetXml(sheets[i].RowsXml));
        }
        return ms.ToArray();
    }

    public const string Styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"mm/yyyy\"/></numFmts>"
        + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

    public static string SheetXml(string rowsXml) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData>" + rowsXml + "</sheetData>"
        + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";

    public static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }

    /// <summary>A row: cells given as ("F", value) where value is a string (inline string), a number, or an already written &lt;c&gt;.</summary>
    public static string Row(int row, params (string Column, object? Value)[] cells)
    {
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<row r=\"{row}\">");
        foreach (var (column, value) in cells)
        {
            var reference = column + row.ToString(CultureInfo.InvariantCulture);
            switch (value)
            {
                case null: break;
                case Raw raw: sb.Append(raw.Xml.Replace("{r}", reference, StringComparison.Ordinal)); break;
                case string s: sb.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></is></c>"); break;
                case IFormattable n: sb.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{n.ToString(null, CultureInfo.InvariantCulture)}</v></c>"); break;
                default: throw new ArgumentException("Unsupported cell value.", nameof(cells));
            }
        }
        return sb.Append("</row>").ToString();
    }

    /// <summary>Cell XML written as is; "{r}" is replaced by the cell reference.</summary>
    public sealed record Raw(string Xml);

    public static Raw Date(DateOnly date, int style = DateStyle) =>
        new(FormattableString.Invariant($"<c r=\"{{r}}\" s=\"{style}\"><v>{date.DayNumber - new DateOnly(1899, 12, 30).DayNumber}</v></c>"));

    public static Raw Formula(string formula, string cachedValue) =>
        new($"<c r=\"{{r}}\"><f>{SecurityElement.Escape(formula)}</f><v>{cachedValue}</v></c>");

    public static Raw Shared(int index) => new(FormattableString.Invariant($"<c r=\"{{r}}\" t=\"s\"><v>{index}</v></c>"));

    public static (List<ImportRow> Rows, List<CellError> Errors, ReadSummary Summary) Read(byte[] xlsx, WorkbookLimits? limits = null)
    {
        var rows = new List<ImportRow>();
        var errors = new List<CellError>();
        using var stream = new MemoryStream(xlsx);
        var summary = HoursWorkbookReader.Read(stream, limits ?? new WorkbookLimits(), Modalities, rows.Add, errors.Add);
        return (rows, errors, summary);
    }

    public static WorkbookRejectedException Rejection(byte[] xlsx, WorkbookLimits? limits = null) =>
        Assert.Throws<WorkbookRejectedException>(() => Read(xlsx, limits));

    /// <summary>A standard header row (the template's headers) on row 1.</summary>
    public static string TemplateHeader() =>
        Row(1, ("A", "Lot"), ("B", "Participant"), ("C", "SIRET employeur"), ("D", "Modalité"), ("E", "Période"), ("F", "Heures"),
            ("G", "Montant facturé HT (€)"), ("H", "Justificatif"));
}
