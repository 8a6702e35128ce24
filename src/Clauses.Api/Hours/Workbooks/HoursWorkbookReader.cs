using System.Globalization;
using System.Xml;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>
/// Streaming reader of an hours workbook (the template or a facilitator's own layout). Only the shared strings and the
/// date-ness of each cell style are held in memory; rows are streamed from the sheet XML.
/// </summary>
public static class HoursWorkbookReader
{
    private const int HeaderColumns = 512;

    public static ReadSummary Read(Stream xlsx, WorkbookLimits limits, IReadOnlyList<TemplateModality> modalities, Action<ImportRow> onRow,
        Action<CellError> onError, CancellationToken ct = default) =>
        Read(xlsx, limits, modalities, onRow, onError, SheetReaderOptions.Default, ct);

    internal static ReadSummary Read(Stream xlsx, WorkbookLimits limits, IReadOnlyList<TemplateModality> modalities, Action<ImportRow> onRow,
        Action<CellError> onError, SheetReaderOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(onRow);
        ArgumentNullException.ThrowIfNull(onError);
        using var package = XlsxPackage.Open(xlsx, limits, ct);
        try
        {
            var sharedStrings = LoadSharedStrings(package, ct);
            var dateStyles = LoadDateStyles(package);
            var candidates = package.Sheets
                .OrderBy(s => WorkbookText.Fold(s.Name) == "heures" ? 0 : s.Hidden ? 2 : 1)
                .ThenBy(s => s.Index)
                .ToList();
            var identity = new int[HeaderColumns];
            for (var i = 0; i < identity.Length; i++) identity[i] = i;
            var headerSlots = new RawCell[HeaderColumns];
            for (var i = 0; i < headerSlots.Length; i++) headerSlots[i] = new RawCell();

            foreach (var sheet in candidates)
            {
                ct.ThrowIfCancellationRequested();
                if (!package.Exists(sheet.PartPath)) continue;
                foreach (var slot in headerSlots) slot.Generation = -1; // generations restart with each sheet
                using var source = new SheetRowSource(() => package.OpenPart(sheet.PartPath), sharedStrings, options);
                int headerRow;
                while (true)
                {
                    if (!source.NextRow(identity, headerSlots, out headerRow)) { headerRow = 0; break; }
                    if (headerSlots.Any(c => c.Generation == source.Generation && !string.IsNullOrWhiteSpace(CellText(c)))) break;
                }
                if (headerRow == 0) continue;
                var headers = new List<(int Column, string Text)>();
                foreach (var cell in headerSlots)
                {
                    if (cell.Generation != source.Generation) continue;
                    var text = CellText(cell);
                    if (!string.IsNullOrWhiteSpace(text)) headers.Add((cell.Column, text));
                }
                var layout = HeaderLayout.Match(headers);
                if (layout.Recognised < 3) continue;
                var missing = layout.MissingRequired();
                if (missing.Count > 0)
                    throw new WorkbookRejectedException(400,
                        $"La feuille « {sheet.Name} » ne contient pas les colonnes obligatoires : {string.Join(", ", missing)}.");
                var rows = new RowConverter(sheet.Name, layout, dateStyles, package.Date1904, modalities, limits, onError)
                    .Run(source, onRow, ct);
                return new ReadSummary(sheet.Name, rows, layout.ColumnLetters());
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or EndOfStreamException)
        {
            throw XlsxPackage.Translate(ex);
        }
        throw new WorkbookRejectedException(400,
            "Aucune feuille du classeur ne commence par des en-têtes reconnus (Lot, Participant, Modalité, Période, Heures…). "
            + "Utilisez le modèle ou nommez les colonnes sur la première ligne.");
    }

    internal static string CellText(RawCell cell) => cell.Kind switch
    {
        RawKind.None => "",
        RawKind.SharedString or RawKind.String or RawKind.Error or RawKind.IsoDate => cell.Text ?? "",
        RawKind.Boolean => cell.Span is "1" ? "VRAI" : "FAUX",
        _ => decimal.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d.ToString(CultureInfo.InvariantCulture)
            : new string(cell.Span),
    };

    internal static string[] LoadSharedStrings(XlsxPackage package, CancellationToken ct)
    {
        var path = package.RelatedPart("/sharedStrings");
        if (path is null) return [];
        using var xr = package.OpenXml(path, ignoreWhitespace: true);
        var si = xr.NameTable.Add("si");
        var t = xr.NameTable.Add("t");
        var rPh = xr.NameTable.Add("rPh");
        var sst = xr.NameTable.Add("sst");
        var list = new List<string>();
        while (xr.Read())
        {
            if (xr.NodeType != XmlNodeType.Element) continue;
            if (ReferenceEquals(xr.LocalName, sst))
            {
                if (int.TryParse(xr.GetAttribute("uniqueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    list.Capacity = Math.Min(count, 2_000_000);
            }
            else if (ReferenceEquals(xr.LocalName, si))
            {
                list.Add(xr.IsEmptyElement ? "" : XmlSheetRows.ReadRichText(xr, t, rPh));
                if ((list.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            }
        }
        return [.. list];
    }

    /// <summary>For each cellXfs index, whether its number format displays a date.</summary>
    private static bool[] LoadDateStyles(XlsxPackage package)
    {
        var path = package.RelatedPart("/styles");
        if (path is null) return [];
        var custom = new Dictionary<int, string>();
        var result = new List<bool>();
        using var xr = package.OpenXml(path);
        var inCellXfs = false;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.LocalName == "cellXfs") inCellXfs = false;
            if (xr.NodeType != XmlNodeType.Element) continue;
            switch (xr.LocalName)
            {
                case "numFmt":
                    if (int.TryParse(xr.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                        custom[id] = xr.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !xr.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    _ = int.TryParse(xr.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var fmt);
                    result.Add(custom.TryGetValue(fmt, out var code) ? IsDateFormat(code) : fmt is (>= 14 and <= 22) or (>= 45 and <= 47));
                    break;
                default:
                    break;
            }
        }
        return [.. result];
    }

    /// <summary>A custom format is a date format when, quoted text, escapes and [bracketed] parts removed, it shows days, months or years.</summary>
    internal static bool IsDateFormat(string code)
    {
        bool d = false, m = false, y = false, h = false, s = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') { i = code.IndexOf('"', i + 1); if (i < 0) break; continue; }
            if (c == '[') { i = code.IndexOf(']', i + 1); if (i < 0) break; continue; }
            if (c is '\\' or '_' or '*') { i++; continue; }
            if (c == ';') break; // the positive section decides
            switch (char.ToLowerInvariant(c))
            {
                case 'd': d = true; break;
                case 'm': m = true; break;
                case 'y': y = true; break;
                case 'h': h = true; break;
                case 's': s = true; break;
                default: break;
            }
        }
        return d || y || (m && !h && !s);
    }
}
