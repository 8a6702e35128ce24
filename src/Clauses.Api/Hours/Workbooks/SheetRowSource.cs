using System.Xml;

namespace Clauses.Api.Hours.Workbooks;

internal enum SheetReaderMode { Scanner, XmlReader }

/// <summary>How sheets are read: the byte scanner with its XmlReader fallback (the default) or XmlReader alone; the scanner's buffer.</summary>
internal sealed record SheetReaderOptions(SheetReaderMode Mode = SheetReaderMode.Scanner, int BufferSize = Utf8XmlScanner.DefaultBufferSize)
{
    public static SheetReaderOptions Default { get; } = new();
}

/// <summary>
/// Streams the rows of a worksheet part, keeping only the cells of the requested columns. XmlReader's per-node work was ~40 % of
/// the reader's CPU, so rows are scanned from the part's bytes (<see cref="FastSheetRows"/>); the first time the scanner meets
/// anything it does not fully understand (DTD, comments, CDATA, another encoding, malformed XML…), <see cref="XmlSheetRows"/> reads
/// the part again from its start, passes over the rows already delivered and goes on: results and rejections are XmlReader's.
/// </summary>
internal sealed class SheetRowSource : IDisposable
{
    private readonly Func<Stream> _openPart;
    private readonly string[] _sharedStrings;
    private FastSheetRows? _fast;
    private XmlSheetRows? _xml;

    /// <param name="openPart">Opens the worksheet part (through the inflate guard); called again if the scanner hands over.</param>
    public SheetRowSource(Func<Stream> openPart, string[] sharedStrings, SheetReaderOptions options)
    {
        _openPart = openPart;
        _sharedStrings = sharedStrings;
        if (options.Mode == SheetReaderMode.Scanner) _fast = new FastSheetRows(openPart(), sharedStrings, options.BufferSize);
        else _xml = OpenXmlReader();
    }

    private XmlSheetRows OpenXmlReader() => new(XmlReader.Create(_openPart(), XlsxPackage.ReaderSettings(ignoreWhitespace: true)), _sharedStrings);

    public int Generation => _fast?.Generation ?? _xml!.Generation;

    /// <summary>Why the scanner handed over to XmlReader; null if it did not.</summary>
    public string? FallbackReason { get; private set; }

    /// <summary>Moves to the next &lt;row&gt; and fills the cells whose column maps to a slot. False at the end of the sheet data.</summary>
    public bool NextRow(int[] slotOfColumn, RawCell[] slots, out int rowNumber)
    {
        if (_fast is { } fast)
        {
            try
            {
                return fast.NextRow(slotOfColumn, slots, out rowNumber);
            }
            catch (ScanFallbackException ex)
            {
                FallBack(fast, ex.Message);
            }
        }
        return _xml!.NextRow(slotOfColumn, slots, out rowNumber);
    }

    private void FallBack(FastSheetRows fast, string reason)
    {
        FallbackReason = reason;
        _fast = null;
        fast.Dispose();
        _xml = OpenXmlReader();
        // The scanner may have filled slots of the row it gave up on with its current generation: XmlReader's rows come after it.
        _xml.Skip(fast.Delivered, fast.Generation);
    }

    public void Dispose()
    {
        _fast?.Dispose();
        _xml?.Dispose();
    }
}
