using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>
/// Returns the facilitator's workbook with each faulty cell filled in light red and carrying a note (comment) with the French message,
/// plus a first sheet "Erreurs" listing them. Every part is copied as is except: the annotated sheets (streamed XmlReader → XmlWriter),
/// styles, workbook, relationships, content types, and the comments and legacy VML drawing parts Excel needs to show notes.
/// </summary>
public static class WorkbookAnnotator
{
    /// <summary>Fill colour of faulty cells (Excel's "Bad" light red).</summary>
    public const string ErrorFillRgb = "FFFFC7CE";
    public const string ErrorsSheetName = "Erreurs";
    private const string Author = "Clauses";

    private const string CommentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
    private const string VmlType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
    private const string WorksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string StylesType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string CommentsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
    private const string VmlContentType = "application/vnd.openxmlformats-officedocument.vmlDrawing";
    private const string WorksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

    private static readonly XNamespace Main = XlsxPackage.MainNs;
    private static readonly XNamespace Rel = XlsxPackage.RelationshipsNs;
    private static readonly XNamespace PackageRel = XlsxPackage.PackageRelationshipsNs;
    private static readonly XNamespace ContentTypes = XlsxPackage.ContentTypesNs;

    // Worksheet children that come after <legacyDrawing> (ECMA-376 order).
    private static readonly HashSet<string> AfterLegacyDrawing = new(StringComparer.Ordinal)
    {
        "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    };

    private sealed class SheetPlan(SheetInfo sheet, SortedDictionary<int, SortedDictionary<int, string>> cells)
    {
        public SheetInfo Sheet { get; } = sheet;
        public SortedDictionary<int, SortedDictionary<int, string>> Cells { get; } = cells;
        public string RelationshipsPath => XlsxPackage.RelationshipsPathOf(Sheet.PartPath);
        public string CommentsPath { get; set; } = "";
        public string VmlPath { get; set; } = "";
        public bool CommentsExist { get; set; }
        public bool VmlExists { get; set; }
        public string? NewVmlRelationshipId { get; set; }
        public int ShapeBlock { get; set; }
        public int ShapeBlocks { get; set; }
    }

    public static void Annotate(Stream original, Stream output, IReadOnlyList<CellError> errors)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        using var package = XlsxPackage.Open(original, new WorkbookLimits(), CancellationToken.None);
        try
        {
            AnnotatePackage(package, output, errors);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or EndOfStreamException)
        {
            throw XlsxPackage.Translate(ex);
        }
    }

    private static void AnnotatePackage(XlsxPackage package, Stream output, IReadOnlyList<CellError> errors)
    {
        var taken = new HashSet<string>(package.Entries.Select(e => e.FullName.TrimStart('/')), StringComparer.OrdinalIgnoreCase);
        string NewPart(string directory, string stem, string extension)
        {
            for (var i = 1; ; i++)
            {
                var candidate = $"{directory}{stem}{i.ToString(CultureInfo.InvariantCulture)}{extension}";
                if (taken.Add(candidate)) return candidate;
            }
        }

        // Plan: which cells of which sheets, and the new part names.
        var plans = new List<SheetPlan>();
        var nextBlock = 1;
        foreach (var sheet in package.Sheets)
        {
            var cells = new SortedDictionary<int, SortedDictionary<int, string>>();
            foreach (var error in errors)
            {
                if (error.Sheet != sheet.Name || error.Row < 1 || !WorkbookText.TryParseReference(error.Column, out var column, out _)) continue;
                if (!cells.TryGetValue(error.Row, out var row)) cells[error.Row] = row = [];
                row[column] = row.TryGetValue(column, out var previous) ? $"{previous}\n{error.Message}" : error.Message;
            }
            if (cells.Count == 0 || !package.Exists(sheet.PartPath)) continue;
            var plan = new SheetPlan(sheet, cells);
            if (package.Exists(plan.RelationshipsPath))
            {
                foreach (var (_, type, target) in package.ReadRelationships(plan.RelationshipsPath, XlsxPackage.DirectoryOf(sheet.PartPath)))
                {
                    if (type == CommentsType && package.Exists(target)) { plan.CommentsPath = target; plan.CommentsExist = true; }
                    if (type == VmlType && package.Exists(target)) { plan.VmlPath = target; plan.VmlExists = true; }
                }
            }
            if (!plan.CommentsExist) plan.CommentsPath = NewPart("xl/", "comments", ".xml");
            if (!plan.VmlExists) plan.VmlPath = NewPart("xl/drawings/", "vmlDrawing", ".vml");
            plans.Add(plan);
        }
        var errorsSheetPath = NewPart("xl/worksheets/", "sheet", ".xml");
        var stylesPath = package.RelatedPart("/styles");
        var createStyles = stylesPath is null;
        stylesPath ??= NewPart("xl/", "styles", ".xml");

        var styles = createStyles ? MinimalStylesheet() : LoadXml(package, stylesPath);
        var cellXfs = styles.Root!.Element(Main + "cellXfs") ?? throw new WorkbookRejectedException(400, XlsxPackage.Corrupt);
        var originalXfs = cellXfs.Elements(Main + "xf").ToList();
        if (originalXfs.Count == 0) { originalXfs.Add(new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0))); cellXfs.Add(originalXfs[0]); }
        var styleMap = new Dictionary<int, int>();
        int MapStyle(int originalStyle)
        {
            if (originalStyle < 0 || originalStyle >= originalXfs.Count) originalStyle = 0;
            if (!styleMap.TryGetValue(originalStyle, out var mapped)) styleMap[originalStyle] = mapped = originalXfs.Count + styleMap.Count;
            return mapped;
        }

        var existing = package.Entries.ToList();
        var rewritten = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "[Content_Types].xml", stylesPath, package.WorkbookPath, XlsxPackage.RelationshipsPathOf(package.WorkbookPath),
        };
        foreach (var plan in plans)
        {
            rewritten.Add(plan.Sheet.PartPath);
            rewritten.Add(plan.RelationshipsPath);
            rewritten.Add(plan.CommentsPath);
            rewritten.Add(plan.VmlPath);
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        // [Content_Types].xml first: every new part is already named.
        var contentTypes = LoadXml(package, "[Content_Types].xml");
        AddOverride(contentTypes, errorsSheetPath, WorksheetContentType);
        if (createStyles) AddOverride(contentTypes, stylesPath, StylesContentType);
        foreach (var plan in plans)
        {
            AddOverride(contentTypes, plan.CommentsPath, CommentsContentType);
            AddOverride(contentTypes, plan.VmlPath, VmlContentType);
        }
        SaveXml(zip, "[Content_Types].xml", contentTypes);

        // Untouched parts, copied through the inflate guard.
        foreach (var entry in existing)
        {
            var name = entry.FullName.TrimStart('/');
            if (rewritten.Contains(name) || name.EndsWith('/')) continue;
            using var source = package.OpenPart(name);
            using var target = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            source.CopyTo(target);
        }

        // Annotated sheets, their notes and relationships.
        foreach (var plan in plans)
        {
            var existingComments = new List<(int Row, int Column, XElement Comment)>();
            XDocument? commentsDocument = null;
            if (plan.CommentsExist)
            {
                commentsDocument = LoadXml(package, plan.CommentsPath);
                foreach (var comment in commentsDocument.Root!.Descendants(Main + "comment"))
                {
                    if (WorkbookText.TryParseReference((string?)comment.Attribute("ref") ?? "", out var c, out var r) && r > 0)
                        existingComments.Add((r, c, comment));
                }
            }
            var needsLegacyDrawing = !plan.VmlExists;
            if (needsLegacyDrawing) plan.NewVmlRelationshipId = "rIdClausesVml";
            using (var source = package.OpenXml(plan.Sheet.PartPath, ignoreWhitespace: false))
            using (var target = zip.CreateEntry(plan.Sheet.PartPath, CompressionLevel.Fastest).Open())
            {
                RewriteSheet(source, target, plan.Cells, MapStyle, plan.NewVmlRelationshipId);
            }

            var rels = package.Exists(plan.RelationshipsPath)
                ? LoadXml(package, plan.RelationshipsPath)
                : new XDocument(new XElement(PackageRel + "Relationships"));
            var usedIds = rels.Root!.Elements(PackageRel + "Relationship").Select(e => (string?)e.Attribute("Id")).ToHashSet();
            if (!plan.CommentsExist)
                rels.Root.Add(Relationship(UniqueId(usedIds, "rIdClausesComments"), CommentsType, "/" + plan.CommentsPath));
            if (needsLegacyDrawing)
            {
                // The sheet now references this id: make sure it is unique.
                if (usedIds.Contains(plan.NewVmlRelationshipId)) throw new InvalidOperationException("Relationship id already used.");
                rels.Root.Add(Relationship(plan.NewVmlRelationshipId!, VmlType, "/" + plan.VmlPath));
            }
            SaveXml(zip, plan.RelationshipsPath, rels);

            // Comments: the existing ones (except on the annotated cells) plus ours.
            var ours = plan.Cells.SelectMany(r => r.Value.Select(c => (Row: r.Key, Column: c.Key, Message: c.Value))).ToList();
            var annotated = ours.Select(o => (o.Row, o.Column)).ToHashSet();
            var kept = existingComments.Where(e => !annotated.Contains((e.Row, e.Column))).ToList();
            WriteComments(zip, plan.CommentsPath, commentsDocument, kept.Select(k => k.Comment), ours);
            var shapes = kept.Select(k => (k.Row, k.Column)).Concat(ours.Select(o => (o.Row, o.Column))).ToList();
            plan.ShapeBlock = nextBlock;
            plan.ShapeBlocks = (shapes.Count / 1024) + 1;
            nextBlock += plan.ShapeBlocks;
            WriteVml(zip, plan.VmlPath, shapes, plan.ShapeBlock, plan.ShapeBlocks);
        }

        // Styles: a light red fill, the cloned cell formats, and a bold header format for the "Erreurs" sheet.
        var fills = styles.Root.Element(Main + "fills");
        if (fills is null)
        {
            fills = new XElement(Main + "fills",
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "none"))),
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "gray125"))));
            (styles.Root.Element(Main + "fonts") ?? styles.Root.Element(Main + "numFmts"))?.AddAfterSelf(fills);
            if (fills.Parent is null) styles.Root.AddFirst(fills);
        }
        var fillId = fills.Elements(Main + "fill").Count();
        fills.Add(new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "solid"),
            new XElement(Main + "fgColor", new XAttribute("rgb", ErrorFillRgb)), new XElement(Main + "bgColor", new XAttribute("indexed", 64)))));
        fills.SetAttributeValue("count", fillId + 1);
        foreach (var (originalStyle, _) in styleMap.OrderBy(p => p.Value))
        {
            var clone = new XElement(originalXfs[originalStyle]);
            clone.SetAttributeValue("fillId", fillId);
            clone.SetAttributeValue("applyFill", 1);
            cellXfs.Add(clone);
        }
        var fonts = styles.Root.Element(Main + "fonts");
        var headerStyle = 0;
        if (fonts is not null)
        {
            var fontId = fonts.Elements(Main + "font").Count();
            fonts.Add(new XElement(Main + "font", new XElement(Main + "b"), new XElement(Main + "sz", new XAttribute("val", 11)),
                new XElement(Main + "name", new XAttribute("val", "Calibri")), new XElement(Main + "family", new XAttribute("val", 2))));
            fonts.SetAttributeValue("count", fontId + 1);
            headerStyle = originalXfs.Count + styleMap.Count;
            cellXfs.Add(new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", fontId), new XAttribute("fillId", 0),
                new XAttribute("borderId", 0), new XAttribute("applyFont", 1)));
        }
        cellXfs.SetAttributeValue("count", cellXfs.Elements(Main + "xf").Count());
        SaveXml(zip, stylesPath, styles);

        // The "Erreurs" sheet, first in the workbook.
        var sheetNames = package.Sheets.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errorsSheetName = ErrorsSheetName;
        for (var i = 2; sheetNames.Contains(errorsSheetName); i++) errorsSheetName = $"{ErrorsSheetName} ({i.ToString(CultureInfo.InvariantCulture)})";
        using (var target = zip.CreateEntry(errorsSheetPath, CompressionLevel.Optimal).Open())
        {
            WriteErrorsSheet(target, errors, headerStyle, package.Sheets.Select(s => s.Name).ToHashSet(StringComparer.Ordinal));
        }

        var workbookRelsPath = XlsxPackage.RelationshipsPathOf(package.WorkbookPath);
        var workbookRels = package.Exists(workbookRelsPath)
            ? LoadXml(package, workbookRelsPath)
            : new XDocument(new XElement(PackageRel + "Relationships"));
        var workbookIds = workbookRels.Root!.Elements(PackageRel + "Relationship").Select(e => (string?)e.Attribute("Id")).ToHashSet();
        var errorsSheetId = UniqueId(workbookIds, "rIdClausesErrors");
        workbookRels.Root.Add(Relationship(errorsSheetId, WorksheetType, "/" + errorsSheetPath));
        if (createStyles) workbookRels.Root.Add(Relationship(UniqueId(workbookIds, "rIdClausesStyles"), StylesType, "/" + stylesPath));
        SaveXml(zip, workbookRelsPath, workbookRels);

        var workbook = LoadXml(package, package.WorkbookPath);
        var sheets = workbook.Root!.Element(Main + "sheets") ?? throw new WorkbookRejectedException(400, XlsxPackage.Corrupt);
        if (workbook.Root.GetPrefixOfNamespace(Rel) is null && workbook.Root.Attribute(XNamespace.Xmlns + "r") is null)
            workbook.Root.SetAttributeValue(XNamespace.Xmlns + "r", Rel.NamespaceName);
        var maxSheetId = sheets.Elements(Main + "sheet").Select(s => (int?)s.Attribute("sheetId") ?? 0).DefaultIfEmpty(0).Max();
        sheets.AddFirst(new XElement(Main + "sheet", new XAttribute("name", errorsSheetName), new XAttribute("sheetId", maxSheetId + 1),
            new XAttribute(Rel + "id", errorsSheetId)));
        // Sheet positions moved by one.
        foreach (var definedName in workbook.Root.Descendants(Main + "definedName"))
        {
            if ((int?)definedName.Attribute("localSheetId") is { } local) definedName.SetAttributeValue("localSheetId", local + 1);
        }
        foreach (var view in workbook.Root.Descendants(Main + "workbookView"))
        {
            if ((int?)view.Attribute("activeTab") is { } active) view.SetAttributeValue("activeTab", active + 1);
            else view.SetAttributeValue("activeTab", 1);
            view.SetAttributeValue("firstSheet", 0);
        }
        SaveXml(zip, package.WorkbookPath, workbook);
    }

    private static string UniqueId(HashSet<string?> used, string stem)
    {
        var id = stem;
        for (var i = 2; !used.Add(id); i++) id = stem + i.ToString(CultureInfo.InvariantCulture);
        return id;
    }

    private static XElement Relationship(string id, string type, string target) =>
        new(PackageRel + "Relationship", new XAttribute("Id", id), new XAttribute("Type", type), new XAttribute("Target", target));

    private static void AddOverride(XDocument contentTypes, string partPath, string contentType)
    {
        var partName = "/" + partPath;
        var root = contentTypes.Root!;
        root.Elements(ContentTypes + "Override")
            .Where(e => string.Equals((string?)e.Attribute("PartName"), partName, StringComparison.OrdinalIgnoreCase))
            .Remove();
        root.Add(new XElement(ContentTypes + "Override", new XAttribute("PartName", partName), new XAttribute("ContentType", contentType)));
    }

    private static XDocument LoadXml(XlsxPackage package, string path)
    {
        using var reader = package.OpenXml(path, ignoreWhitespace: false);
        return XDocument.Load(reader);
    }

    private static XmlWriterSettings WriterSettings() => new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    private static void SaveXml(ZipArchive zip, string path, XDocument document)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, WriterSettings());
        document.Declaration = new XDeclaration("1.0", "UTF-8", "yes");
        document.Save(writer);
    }

    private static XDocument MinimalStylesheet() => new(new XElement(Main + "styleSheet",
        new XElement(Main + "fonts", new XAttribute("count", 1), new XElement(Main + "font", new XElement(Main + "sz", new XAttribute("val", 11)))),
        new XElement(Main + "fills", new XAttribute("count", 2),
            new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "none"))),
            new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "gray125")))),
        new XElement(Main + "borders", new XAttribute("count", 1), new XElement(Main + "border")),
        new XElement(Main + "cellStyleXfs", new XAttribute("count", 1),
            new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0))),
        new XElement(Main + "cellXfs", new XAttribute("count", 1),
            new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0),
                new XAttribute("xfId", 0)))));

    /// <summary>
    /// Streams the sheet XML, giving faulty cells a red-filled style (creating missing cells and rows) and adding &lt;legacyDrawing&gt;.
    /// </summary>
    private static void RewriteSheet(XmlReader xr, Stream output, SortedDictionary<int, SortedDictionary<int, string>> cells, Func<int, int> mapStyle,
        string? legacyDrawingId)
    {
        using var xw = XmlWriter.Create(output, WriterSettings());
        xw.WriteStartDocument(true);
        var pendingRows = cells.Keys.ToArray();
        var nextPending = 0;
        var inSheetData = false;
        var legacyWritten = legacyDrawingId is null;
        int[]? rowColumns = null;
        var nextColumn = 0;
        var rowNumber = 0;
        var lastRow = 0;
        var lastColumn = -1;
        var sheetDataDepth = -1;
        var columnStyles = new List<(int Min, int Max, int Style)>();

        // A created cell takes its column's default format (e.g. the template's text or date columns).
        int ColumnStyle(int column)
        {
            foreach (var (min, max, style) in columnStyles)
                if (column + 1 >= min && column + 1 <= max) return style;
            return 0;
        }

        void WriteLegacyDrawing()
        {
            xw.WriteStartElement("legacyDrawing", XlsxPackage.MainNs);
            xw.WriteAttributeString("r", "id", XlsxPackage.RelationshipsNs, legacyDrawingId);
            xw.WriteEndElement();
            legacyWritten = true;
        }

        void WriteNewCell(int row, int column)
        {
            xw.WriteStartElement("c", XlsxPackage.MainNs);
            xw.WriteAttributeString("r", WorkbookText.ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("s", mapStyle(ColumnStyle(column)).ToString(CultureInfo.InvariantCulture));
            xw.WriteEndElement();
        }

        void WriteCellsBefore(int column)
        {
            while (rowColumns is not null && nextColumn < rowColumns.Length && rowColumns[nextColumn] < column) WriteNewCell(rowNumber, rowColumns[nextColumn++]);
        }

        void WriteRowsBefore(int row)
        {
            while (nextPending < pendingRows.Length && pendingRows[nextPending] < row)
            {
                var number = pendingRows[nextPending++];
                xw.WriteStartElement("row", XlsxPackage.MainNs);
                xw.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
                foreach (var column in cells[number].Keys) WriteNewCell(number, column);
                xw.WriteEndElement();
            }
        }

        while (xr.Read())
        {
            switch (xr.NodeType)
            {
                case XmlNodeType.Element:
                {
                    var name = xr.LocalName;
                    if (!inSheetData && xr.Depth == 1 && name == "sheetData")
                    {
                        inSheetData = true;
                        sheetDataDepth = xr.Depth;
                        xw.WriteStartElement(xr.Prefix, name, xr.NamespaceURI);
                        xw.WriteAttributes(xr, true);
                        if (xr.IsEmptyElement)
                        {
                            WriteRowsBefore(int.MaxValue);
                            xw.WriteEndElement();
                            inSheetData = false;
                        }
                        continue;
                    }
                    if (inSheetData && xr.Depth == sheetDataDepth + 1 && name == "row")
                    {
                        rowNumber = int.TryParse(xr.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : lastRow + 1;
                        lastRow = rowNumber;
                        lastColumn = -1;
                        WriteRowsBefore(rowNumber);
                        rowColumns = null;
                        if (nextPending < pendingRows.Length && pendingRows[nextPending] == rowNumber)
                        {
                            rowColumns = [.. cells[rowNumber].Keys];
                            nextColumn = 0;
                            nextPending++;
                        }
                        xw.WriteStartElement(xr.Prefix, name, xr.NamespaceURI);
                        CopyAttributes(xr, xw, rowColumns is null ? null : "spans", null);
                        if (xr.IsEmptyElement)
                        {
                            WriteCellsBefore(int.MaxValue);
                            rowColumns = null;
                            xw.WriteEndElement();
                        }
                        continue;
                    }
                    if (inSheetData && xr.Depth == sheetDataDepth + 2 && name == "c")
                    {
                        var column = WorkbookText.TryParseReference(xr.GetAttribute("r") ?? "", out var c, out _) ? c : lastColumn + 1;
                        lastColumn = column;
                        if (rowColumns is not null)
                        {
                            WriteCellsBefore(column);
                            if (nextColumn < rowColumns.Length && rowColumns[nextColumn] == column)
                            {
                                nextColumn++;
                                var style = int.TryParse(xr.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                                xw.WriteStartElement(xr.Prefix, name, xr.NamespaceURI);
                                CopyAttributes(xr, xw, "s", mapStyle(style).ToString(CultureInfo.InvariantCulture));
                                if (xr.IsEmptyElement) xw.WriteEndElement();
                                continue;
                            }
                        }
                    }
                    if (!inSheetData && xr.Depth == 2 && name == "col"
                        && int.TryParse(xr.GetAttribute("min"), NumberStyles.None, CultureInfo.InvariantCulture, out var colMin)
                        && int.TryParse(xr.GetAttribute("max"), NumberStyles.None, CultureInfo.InvariantCulture, out var colMax)
                        && int.TryParse(xr.GetAttribute("style"), NumberStyles.None, CultureInfo.InvariantCulture, out var colStyle))
                        columnStyles.Add((colMin, colMax, colStyle));
                    if (!legacyWritten && xr.Depth == 1 && AfterLegacyDrawing.Contains(name)) WriteLegacyDrawing();
                    xw.WriteStartElement(xr.Prefix, name, xr.NamespaceURI);
                    xw.WriteAttributes(xr, true);
                    if (xr.IsEmptyElement) xw.WriteEndElement();
                    break;
                }
                case XmlNodeType.EndElement:
                    if (inSheetData && xr.Depth == sheetDataDepth + 1 && rowColumns is not null)
                    {
                        WriteCellsBefore(int.MaxValue);
                        rowColumns = null;
                    }
                    else if (inSheetData && xr.Depth == sheetDataDepth)
                    {
                        WriteRowsBefore(int.MaxValue);
                        inSheetData = false;
                    }
                    else if (xr.Depth == 0 && !legacyWritten)
                    {
                        WriteLegacyDrawing();
                    }
                    xw.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    xw.WriteString(xr.Value);
                    break;
                case XmlNodeType.CDATA:
                    xw.WriteCData(xr.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    xw.WriteWhitespace(xr.Value);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Copies the element's attributes, leaving out (or replacing) one of them.</summary>
    private static void CopyAttributes(XmlReader xr, XmlWriter xw, string? replaced, string? value)
    {
        if (xr.MoveToFirstAttribute())
        {
            do
            {
                if (replaced is not null && xr.LocalName == replaced && xr.NamespaceURI.Length == 0) continue;
                if (xr.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                {
                    // Namespace declarations are written by the writer as needed; keep the explicit ones (mc:Ignorable prefixes rely on them).
                    xw.WriteAttributeString(xr.Prefix.Length == 0 ? null : xr.Prefix, xr.LocalName, xr.NamespaceURI, xr.Value);
                    continue;
                }
                xw.WriteAttributeString(xr.Prefix, xr.LocalName, xr.NamespaceURI, xr.Value);
            } while (xr.MoveToNextAttribute());
            xr.MoveToElement();
        }
        if (replaced is not null && value is not null) xw.WriteAttributeString(replaced, value);
    }

    private static void WriteComments(ZipArchive zip, string path, XDocument? existing, IEnumerable<XElement> kept,
        List<(int Row, int Column, string Message)> ours)
    {
        var authors = existing?.Root?.Element(Main + "authors")?.Elements(Main + "author").Select(a => a.Value).ToList() ?? [];
        var authorId = authors.IndexOf(Author);
        if (authorId < 0) { authorId = authors.Count; authors.Add(Author); }
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var xw = XmlWriter.Create(stream, WriterSettings());
        xw.WriteStartDocument(true);
        xw.WriteStartElement("comments", XlsxPackage.MainNs);
        xw.WriteStartElement("authors", XlsxPackage.MainNs);
        foreach (var author in authors) xw.WriteElementString("author", XlsxPackage.MainNs, author);
        xw.WriteEndElement();
        xw.WriteStartElement("commentList", XlsxPackage.MainNs);
        foreach (var comment in kept) comment.WriteTo(xw);
        foreach (var (row, column, message) in ours)
        {
            xw.WriteStartElement("comment", XlsxPackage.MainNs);
            xw.WriteAttributeString("ref", WorkbookText.ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("authorId", authorId.ToString(CultureInfo.InvariantCulture));
            xw.WriteStartElement("text", XlsxPackage.MainNs);
            WriteRun(xw, "Clauses :", bold: true);
            WriteRun(xw, "\n" + message, bold: false);
            xw.WriteEndElement();
            xw.WriteEndElement();
        }
        xw.WriteEndElement();
        xw.WriteEndElement();
    }

    private static void WriteRun(XmlWriter xw, string text, bool bold)
    {
        xw.WriteStartElement("r", XlsxPackage.MainNs);
        xw.WriteStartElement("rPr", XlsxPackage.MainNs);
        if (bold) xw.WriteElementString("b", XlsxPackage.MainNs, null);
        xw.WriteStartElement("sz", XlsxPackage.MainNs);
        xw.WriteAttributeString("val", "9");
        xw.WriteEndElement();
        xw.WriteStartElement("rFont", XlsxPackage.MainNs);
        xw.WriteAttributeString("val", "Tahoma");
        xw.WriteEndElement();
        xw.WriteEndElement();
        xw.WriteStartElement("t", XlsxPackage.MainNs);
        xw.WriteAttributeString("xml", "space", null, "preserve");
        xw.WriteString(text);
        xw.WriteEndElement();
        xw.WriteEndElement();
    }

    /// <summary>The legacy VML drawing with one hidden note shape per comment (Excel shows notes only through it).</summary>
    private static void WriteVml(ZipArchive zip, string path, List<(int Row, int Column)> shapes, int firstBlock, int blocks)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        var idmap = string.Join(",", Enumerable.Range(firstBlock, blocks).Select(b => b.ToString(CultureInfo.InvariantCulture)));
        writer.Write("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n");
        writer.Write($"<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{idmap}\"/></o:shapelayout>\n");
        writer.Write("<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
            + "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>\n");
        for (var i = 0; i < shapes.Count; i++)
        {
            var (row, column) = shapes[i];
            var r0 = row - 1;
            var id = ((firstBlock * 1024) + i + 1).ToString(CultureInfo.InvariantCulture);
            var anchor = FormattableString.Invariant($"{column + 1}, 15, {Math.Max(r0 - 1, 0)}, 10, {column + 4}, 15, {Math.Max(r0 - 1, 0) + 5}, 4");
            writer.Write(FormattableString.Invariant(
                $"<v:shape id=\"_x0000_s{id}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:200pt;height:70pt;z-index:{i + 1};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"));
            writer.Write("<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
                + "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>");
            writer.Write(FormattableString.Invariant(
                $"<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{r0}</x:Row><x:Column>{column}</x:Column></x:ClientData>"));
            writer.Write("</v:shape>\n");
        }
        writer.Write("</xml>");
    }

    private static void WriteErrorsSheet(Stream output, IReadOnlyList<CellError> errors, int headerStyle, HashSet<string> sheetNames)
    {
        using var xw = XmlWriter.Create(output, WriterSettings());
        const string ns = XlsxPackage.MainNs;
        xw.WriteStartDocument(true);
        xw.WriteStartElement("worksheet", ns);
        xw.WriteAttributeString("xmlns", "r", null, XlsxPackage.RelationshipsNs);
        xw.WriteStartElement("sheetViews", ns);
        xw.WriteStartElement("sheetView", ns);
        xw.WriteAttributeString("workbookViewId", "0");
        xw.WriteStartElement("pane", ns);
        xw.WriteAttributeString("ySplit", "1");
        xw.WriteAttributeString("topLeftCell", "A2");
        xw.WriteAttributeString("activePane", "bottomLeft");
        xw.WriteAttributeString("state", "frozen");
        xw.WriteEndElement();
        xw.WriteEndElement();
        xw.WriteEndElement();
        xw.WriteStartElement("cols", ns);
        double[] widths = [18, 10, 22, 90];
        for (var i = 0; i < widths.Length; i++)
        {
            xw.WriteStartElement("col", ns);
            xw.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("customWidth", "1");
            xw.WriteEndElement();
        }
        xw.WriteEndElement();
        xw.WriteStartElement("sheetData", ns);
        WriteTextRow(xw, 1, ["Feuille", "Cellule", "Champ", "Message"], headerStyle);
        var links = new List<(string Cell, string Location, string Display)>();
        var rowNumber = 1;
        foreach (var error in errors)
        {
            rowNumber++;
            var cell = error.Row > 0 ? error.Column + error.Row.ToString(CultureInfo.InvariantCulture) : "";
            var field = Array.IndexOf(HeaderLayout.FieldNames, error.Field) is var f and >= 0 ? HeaderLayout.FieldLabels[f] : error.Field;
            WriteTextRow(xw, rowNumber, [error.Sheet, error.Column.Length > 0 ? cell : (error.Row > 0 ? $"ligne {cell}" : ""), field, error.Message], 0);
            if (error.Column.Length > 0 && error.Row > 0 && sheetNames.Contains(error.Sheet))
                links.Add(($"B{rowNumber.ToString(CultureInfo.InvariantCulture)}", $"'{error.Sheet.Replace("'", "''", StringComparison.Ordinal)}'!{cell}", cell));
        }
        xw.WriteEndElement();
        if (links.Count > 0)
        {
            xw.WriteStartElement("hyperlinks", ns);
            foreach (var (cell, location, display) in links)
            {
                xw.WriteStartElement("hyperlink", ns);
                xw.WriteAttributeString("ref", cell);
                xw.WriteAttributeString("location", location);
                xw.WriteAttributeString("display", display);
                xw.WriteEndElement();
            }
            xw.WriteEndElement();
        }
        xw.WriteEndElement();
    }

    private static void WriteTextRow(XmlWriter xw, int row, string[] values, int style)
    {
        const string ns = XlsxPackage.MainNs;
        var r = row.ToString(CultureInfo.InvariantCulture);
        xw.WriteStartElement("row", ns);
        xw.WriteAttributeString("r", r);
        for (var i = 0; i < values.Length; i++)
        {
            xw.WriteStartElement("c", ns);
            xw.WriteAttributeString("r", WorkbookText.ColumnLetters(i) + r);
            if (style != 0) xw.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            xw.WriteAttributeString("t", "inlineStr");
            xw.WriteStartElement("is", ns);
            xw.WriteStartElement("t", ns);
            xw.WriteAttributeString("xml", "space", null, "preserve");
            xw.WriteString(values[i]);
            xw.WriteEndElement();
            xw.WriteEndElement();
            xw.WriteEndElement();
        }
        xw.WriteEndElement();
    }
}
