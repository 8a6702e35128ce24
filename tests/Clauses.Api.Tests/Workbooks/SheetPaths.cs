using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Clauses.Api.Hours.Workbooks;

namespace Clauses.Api.Tests.Workbooks;

/// <summary>Runs a workbook through both sheet readers (the byte scanner with its fallback, XmlReader alone) and compares.</summary>
internal static class SheetPaths
{
    public const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    public static readonly SheetReaderOptions XmlReaderOnly = new(SheetReaderMode.XmlReader);
    public static readonly int[] BufferSizes = [Utf8XmlScanner.DefaultBufferSize, 1, 2, 3, 5, 8, 13, 31, 64, 100];
    public static readonly string[] SharedStrings = ["Lot", "a & b", " padded ", "Éloïse 😀", "x < y"];

    /// <summary>Mappings column → slot: the first 8 columns, a sparse one (B, D, E only, out of order), the 512 of the header search.</summary>
    public static readonly int[][] Mappings =
    [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [-1, 2, -1, 0, 1],
        [.. Enumerable.Range(0, 512)],
    ];

    /// <summary>A worksheet part: prologue, root start tag, body, root end tag.</summary>
    public static string Part(string body, string prologue = Declaration, string root = $"<worksheet xmlns=\"{MainNs}\">", string end = "</worksheet>") =>
        prologue + root + body + end;

    public static byte[] Workbook(string part, string[]? sharedStrings = null) => Workbook(Encoding.UTF8.GetBytes(part), sharedStrings);

    /// <summary>A one-sheet workbook whose worksheet part is exactly these bytes.</summary>
    public static byte[] Workbook(byte[] part, string[]? sharedStrings = null)
    {
        var xlsx = TestXlsx.Build([new TestXlsx.Sheet("Heures", "")], sharedStrings ?? SharedStrings);
        using var source = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var target = zip.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "xl/worksheets/sheet1.xml")
                {
                    target.Write(part);
                    continue;
                }
                using var s = entry.Open();
                s.CopyTo(target);
            }
        }
        return ms.ToArray();
    }

    /// <summary>What a sheet reader delivered: each row (its number and current cells), then how it ended.</summary>
    public sealed record Reading(IReadOnlyList<string> Rows, string Outcome, string? FallbackReason, bool Opened)
    {
        public override string ToString() => string.Join("\n", Rows) + "\n→ " + Outcome;
    }

    public static Reading Read(byte[] xlsx, int[] slotOfColumn, SheetReaderOptions options, WorkbookLimits? limits = null)
    {
        try
        {
            using var package = XlsxPackage.Open(new MemoryStream(xlsx), limits ?? new WorkbookLimits(), default);
            var shared = HoursWorkbookReader.LoadSharedStrings(package, default);
            return Read(() => package.OpenPart(package.Sheets[0].PartPath), shared, slotOfColumn, options);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or EndOfStreamException or WorkbookRejectedException)
        {
            var rejected = XlsxPackage.Translate(ex);
            return new Reading([], $"{rejected.Status} {rejected.Message}", null, false);
        }
    }

    public static Reading Read(Func<Stream> openPart, string[] sharedStrings, int[] slotOfColumn, SheetReaderOptions options)
    {
        var rows = new List<string>();
        string? reason = null;
        var opened = false;
        string outcome;
        try
        {
            var slots = Enumerable.Range(0, slotOfColumn.Max() + 1).Select(_ => new RawCell()).ToArray();
            using var source = new SheetRowSource(openPart, sharedStrings, options);
            opened = true;
            try
            {
                while (source.NextRow(slotOfColumn, slots, out var row)) rows.Add(Describe(row, slots, source.Generation));
                outcome = "end";
            }
            finally
            {
                reason = source.FallbackReason;
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or EndOfStreamException or WorkbookRejectedException)
        {
            var rejected = XlsxPackage.Translate(ex);
            outcome = $"{rejected.Status} {rejected.Message}";
        }
        return new Reading(rows, outcome, reason, opened);
    }

    private static string Describe(int row, RawCell[] slots, int generation)
    {
        var sb = new StringBuilder().Append(row);
        for (var i = 0; i < slots.Length; i++)
        {
            var c = slots[i];
            if (c.Generation != generation) continue;
            sb.Append(CultureInfo.InvariantCulture, $" | {i}: {c.Column} {c.Kind} s{c.Style}{(c.Formula ? " f" : "")} [{Escape(new string(c.Span))}] ");
            sb.Append(c.Text is null ? "null" : $"\"{Escape(c.Text)}\"");
        }
        return sb.ToString();
    }

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>
    /// Both paths give the same rows and outcome for every mapping and buffer size; the scanner read the sheet itself
    /// (<paramref name="fallback"/> false) or handed over to XmlReader (true).
    /// </summary>
    public static void AssertSame(byte[] xlsx, bool fallback, IEnumerable<int>? bufferSizes = null, WorkbookLimits? limits = null)
    {
        foreach (var mapping in Mappings)
        {
            var expected = Read(xlsx, mapping, XmlReaderOnly, limits);
            Assert.True(expected.Opened, expected.Outcome);
            foreach (var size in bufferSizes ?? BufferSizes)
            {
                var actual = Read(xlsx, mapping, new SheetReaderOptions(BufferSize: size), limits);
                Assert.True(expected.ToString() == actual.ToString(),
                    $"buffer {size}, mapping {mapping.Length}:\nXmlReader:\n{expected}\nscanner ({actual.FallbackReason ?? "no fallback"}):\n{actual}");
                if (fallback) Assert.NotNull(actual.FallbackReason);
                else Assert.True(actual.FallbackReason is null, $"buffer {size}: fell back: {actual.FallbackReason}");
            }
        }
    }

    /// <summary>HoursWorkbookReader.Read end to end: rows, errors and summary, or the rejection.</summary>
    public static string ReadWorkbook(byte[] xlsx, SheetReaderOptions options, WorkbookLimits? limits = null)
    {
        var rows = new List<ImportRow>();
        var errors = new List<CellError>();
        try
        {
            var summary = HoursWorkbookReader.Read(new MemoryStream(xlsx), limits ?? new WorkbookLimits(), TestXlsx.Modalities, rows.Add, errors.Add, options);
            return string.Join("\n", rows) + "\n" + string.Join("\n", errors) + $"\n{summary.Sheet} {summary.Rows} "
                   + string.Join(", ", summary.Columns.OrderBy(c => c.Key, StringComparer.Ordinal));
        }
        catch (WorkbookRejectedException ex)
        {
            return $"{rows.Count} rows, {errors.Count} errors, then {ex.Status} {ex.Message}";
        }
    }
}
