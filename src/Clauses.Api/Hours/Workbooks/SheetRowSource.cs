namespace Clauses.Api.Hours.Workbooks;

internal enum SheetReaderMode { XmlReader }

/// <summary>How sheets are read.</summary>
internal sealed record SheetReaderOptions(SheetReaderMode Mode = SheetReaderMode.XmlReader)
{
    public static SheetReaderOptions Default { get; } = new();
}

/// <summary>Streams the rows of a worksheet part, keeping only the cells of the requested columns.</summary>
internal sealed class SheetRowSource : IDisposable
{
    private readonly XmlSheetRows _xml;

    public SheetRowSource(XlsxPackage package, string path, string[] sharedStrings, SheetReaderOptions options)
    {
        _ = options;
        _xml = new XmlSheetRows(package.OpenXml(path), sharedStrings);
    }

    public int Generation => _xml.Generation;

    /// <summary>Moves to the next &lt;row&gt; and fills the cells whose column maps to a slot. False at the end of the sheet data.</summary>
    public bool NextRow(int[] slotOfColumn, RawCell[] slots, out int rowNumber) => _xml.NextRow(slotOfColumn, slots, out rowNumber);

    public void Dispose() => _xml.Dispose();
}
