using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>
/// Streams the rows of a worksheet part with an <see cref="XmlReader"/>, keeping only the cells of the requested columns.
/// The reference behaviour: <see cref="SheetRowSource"/> falls back to it whenever its byte scanner meets anything unusual.
/// </summary>
internal sealed class XmlSheetRows : IDisposable
{
    private readonly XmlReader _xr;
    private readonly string[] _sharedStrings;
    private readonly string _row, _c, _v, _f, _is, _t, _r, _s, _rPh, _sheetData;
    private readonly char[] _attr = new char[32];
    private int _generation;
    private int _lastRow;
    private bool _inSheetData;
    private bool _ended;

    public XmlSheetRows(XmlReader xr, string[] sharedStrings)
    {
        _xr = xr;
        _sharedStrings = sharedStrings;
        var nt = xr.NameTable;
        _row = nt.Add("row");
        _c = nt.Add("c");
        _v = nt.Add("v");
        _f = nt.Add("f");
        _is = nt.Add("is");
        _t = nt.Add("t");
        _r = nt.Add("r");
        _s = nt.Add("s");
        _rPh = nt.Add("rPh");
        _sheetData = nt.Add("sheetData");
    }

    public int Generation => _generation;

    /// <summary>Passes over rows another reader already delivered, then continues the generations after <paramref name="generation"/>.</summary>
    public void Skip(int rows, int generation)
    {
        for (var i = 0; i < rows; i++)
            if (!NextRow([], [], out _)) throw new InvalidOperationException("The sheet has fewer rows than were already delivered.");
        _generation = generation;
    }

    /// <summary>Moves to the next &lt;row&gt; and fills the cells whose column maps to a slot. False at the end of the sheet data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    public bool NextRow(int[] slotOfColumn, RawCell[] slots, out int rowNumber)
    {
        rowNumber = 0;
        if (_ended) return false;
        _generation++;
        var xr = _xr;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.Element)
            {
                var name = xr.LocalName;
                if (ReferenceEquals(name, _sheetData)) { _inSheetData = true; if (xr.IsEmptyElement) break; continue; }
                if (!_inSheetData || !ReferenceEquals(name, _row)) continue;
                rowNumber = ReadRowNumber();
                _lastRow = rowNumber;
                if (xr.IsEmptyElement) return true;
                ReadCells(slotOfColumn, slots);
                return true;
            }
            if (xr.NodeType == XmlNodeType.EndElement && ReferenceEquals(xr.LocalName, _sheetData)) break;
        }
        _ended = true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private int ReadRowNumber()
    {
        var xr = _xr;
        var number = _lastRow + 1;
        if (xr.MoveToFirstAttribute())
        {
            do
            {
                if (ReferenceEquals(xr.LocalName, _r) && xr.NamespaceURI.Length == 0)
                {
                    var n = ReadAttribute();
                    if (int.TryParse(_attr.AsSpan(0, n), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0) number = r;
                }
            } while (xr.MoveToNextAttribute());
            xr.MoveToElement();
        }
        return number;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private int ReadAttribute()
    {
        var total = 0;
        int n;
        while (total < _attr.Length && (n = _xr.ReadValueChunk(_attr, total, _attr.Length - total)) > 0) total += n;
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private void ReadCells(int[] slotOfColumn, RawCell[] slots)
    {
        var xr = _xr;
        var rowDepth = xr.Depth;
        var lastColumn = -1;
        while (xr.Read())
        {
            var type = xr.NodeType;
            if (type == XmlNodeType.EndElement)
            {
                if (xr.Depth == rowDepth) return;
                continue;
            }
            if (type != XmlNodeType.Element || !ReferenceEquals(xr.LocalName, _c)) continue;

            var column = -1;
            var style = 0;
            var kind = RawKind.Number;
            if (xr.MoveToFirstAttribute())
            {
                do
                {
                    if (xr.NamespaceURI.Length != 0) continue;
                    var an = xr.LocalName;
                    if (ReferenceEquals(an, _r))
                    {
                        var n = ReadAttribute();
                        if (WorkbookText.TryParseReference(_attr.AsSpan(0, n), out var col, out _)) column = col;
                    }
                    else if (ReferenceEquals(an, _t))
                    {
                        var n = ReadAttribute();
                        kind = CellKind(_attr.AsSpan(0, n));
                    }
                    else if (ReferenceEquals(an, _s))
                    {
                        var n = ReadAttribute();
                        if (!int.TryParse(_attr.AsSpan(0, n), NumberStyles.None, CultureInfo.InvariantCulture, out style)) style = 0;
                    }
                } while (xr.MoveToNextAttribute());
                xr.MoveToElement();
            }
            if (column < 0) column = lastColumn + 1;
            lastColumn = column;
            var slotIndex = column < slotOfColumn.Length ? slotOfColumn[column] : -1;
            if (xr.IsEmptyElement) continue;
            if (slotIndex < 0)
            {
                SkipElement();
                continue;
            }
            ReadCellContent(slots[slotIndex].Begin(_generation, column, style), kind);
        }
    }

    private static RawKind CellKind(ReadOnlySpan<char> t) => t switch
    {
        "s" => RawKind.SharedString,
        "str" or "inlineStr" => RawKind.String,
        "b" => RawKind.Boolean,
        "e" => RawKind.Error,
        "d" => RawKind.IsoDate,
        _ => RawKind.Number,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private void SkipElement()
    {
        var xr = _xr;
        var depth = xr.Depth;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == depth) return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private void ReadCellContent(RawCell cell, RawKind kind)
    {
        var xr = _xr;
        var depth = xr.Depth;
        while (xr.Read())
        {
            var type = xr.NodeType;
            if (type == XmlNodeType.EndElement)
            {
                if (xr.Depth == depth) return;
                continue;
            }
            if (type != XmlNodeType.Element) continue;
            var name = xr.LocalName;
            if (ReferenceEquals(name, _f))
            {
                cell.Formula = true;
                if (!xr.IsEmptyElement) SkipElement();
            }
            else if (ReferenceEquals(name, _v))
            {
                if (xr.IsEmptyElement) continue;
                ReadValue(cell);
                cell.Kind = kind;
                if (kind == RawKind.SharedString)
                {
                    if (int.TryParse(cell.Span, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Length)
                        cell.Text = _sharedStrings[index];
                    else
                        throw new WorkbookRejectedException(400, XlsxPackage.Corrupt);
                }
                else if (kind is RawKind.String or RawKind.Error or RawKind.IsoDate)
                {
                    cell.Text = new string(cell.Span);
                }
            }
            else if (ReferenceEquals(name, _is))
            {
                if (xr.IsEmptyElement) continue;
                cell.Text = ReadRichText(xr, _t, _rPh);
                cell.Kind = RawKind.String;
            }
            else if (!xr.IsEmptyElement)
            {
                SkipElement();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    private void ReadValue(RawCell cell)
    {
        var xr = _xr;
        var depth = xr.Depth;
        cell.Length = 0;
        while (xr.Read())
        {
            var type = xr.NodeType;
            if (type is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                int n;
                while ((n = xr.ReadValueChunk(cell.Chars, cell.Length, cell.Chars.Length - cell.Length)) > 0)
                {
                    cell.Length += n;
                    if (cell.Length == cell.Chars.Length) Array.Resize(ref cell.Chars, cell.Chars.Length * 2);
                }
            }
            else if (type == XmlNodeType.EndElement && xr.Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>Concatenates the &lt;t&gt; texts of a rich-text element (&lt;si&gt; or &lt;is&gt;), leaving out phonetic runs. Ends on its end tag.</summary>
    internal static string ReadRichText(XmlReader xr, string t, string rPh)
    {
        var depth = xr.Depth;
        string? single = null;
        System.Text.StringBuilder? sb = null;
        var inT = false;
        var phoneticDepth = -1;
        while (xr.Read())
        {
            switch (xr.NodeType)
            {
                case XmlNodeType.Element:
                    if (phoneticDepth < 0 && ReferenceEquals(xr.LocalName, rPh) && !xr.IsEmptyElement) phoneticDepth = xr.Depth;
                    else if (phoneticDepth < 0 && ReferenceEquals(xr.LocalName, t) && !xr.IsEmptyElement) inT = true;
                    break;
                case XmlNodeType.EndElement:
                    if (xr.Depth == depth) return DecodeEscapes(sb?.ToString() ?? single ?? "");
                    if (xr.Depth == phoneticDepth) phoneticDepth = -1;
                    inT = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA:
                    if (!inT) break;
                    if (single is null && sb is null) single = xr.Value;
                    else (sb ??= new System.Text.StringBuilder(single)).Append(xr.Value);
                    break;
                default:
                    break;
            }
        }
        return sb?.ToString() ?? single ?? "";
    }

    /// <summary>Excel writes control characters as "_x000D_" (and a literal "_x" as "_x005F_x"): decode them.</summary>
    internal static string DecodeEscapes(string text)
    {
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        sb.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 6;
                continue;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    public void Dispose() => _xr.Dispose();
}
