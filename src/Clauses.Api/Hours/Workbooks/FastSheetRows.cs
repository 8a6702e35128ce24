using System.Numerics;
using System.Runtime.CompilerServices;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>
/// The rows of a worksheet part read from its UTF-8 bytes by <see cref="Utf8XmlScanner"/>, with the results of <see cref="XmlSheetRows"/>
/// (same cells, kinds, styles, texts, same row numbers) for the shape every spreadsheet writer uses: &lt;row&gt; elements holding
/// &lt;c&gt; elements holding &lt;f&gt;, &lt;v&gt; (text only) and &lt;is&gt;. Anything else throws <see cref="ScanFallbackException"/>.
/// </summary>
internal sealed class FastSheetRows : IDisposable
{
    private readonly Utf8XmlScanner _x;
    private readonly string[] _sharedStrings;
    private char[] _rich = new char[64];
    private int _generation;
    private int _lastRow;
    private bool _inSheetData;
    private bool _ended;

    public FastSheetRows(Stream part, string[] sharedStrings, int bufferSize)
    {
        _x = new Utf8XmlScanner(part, bufferSize);
        _sharedStrings = sharedStrings;
    }

    public int Generation => _generation;

    /// <summary>Rows returned so far: XmlReader passes over as many when it takes over.</summary>
    public int Delivered { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip tier-0 so a single large read runs at full speed
    public bool NextRow(int[] slotOfColumn, RawCell[] slots, out int rowNumber)
    {
        rowNumber = 0;
        if (_ended) return false;
        _generation++;
        var more = ReadRow(slotOfColumn, slots, out rowNumber);
        _x.ReadAhead();
        if (more) Delivered++; // only now: a refusal met reading ahead hands over before this row is returned
        return more;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRow(int[] slotOfColumn, RawCell[] slots, out int rowNumber)
    {
        rowNumber = 0;
        if (!_inSheetData && !FindSheetData())
        {
            _ended = true;
            return false;
        }
        var x = _x;
        if (!x.NextChild()) // rows are read whole: only </sheetData> can end here
        {
            _ended = true;
            return false;
        }
        x.ReadStartTag();
        if (!x.LocalName.SequenceEqual("row"u8)) throw new ScanFallbackException("an element other than a row in the sheet data");
        rowNumber = RowNumber();
        _lastRow = rowNumber;
        if (!x.IsEmptyElement) ReadCells(slotOfColumn, slots);
        return true;
    }

    /// <summary>Enters &lt;sheetData&gt; wherever it is, as XmlSheetRows does; false when it is empty.</summary>
    private bool FindSheetData()
    {
        var x = _x;
        x.ReadPrologue();
        while (true)
        {
            switch (x.Peek())
            {
                case XmlToken.Text:
                    x.SkipText();
                    break;
                case XmlToken.EndTag:
                    x.ReadEndTag();
                    if (x.Depth == 0) throw new ScanFallbackException("no sheet data");
                    break;
                default:
                    x.ReadStartTag();
                    if (!x.LocalName.SequenceEqual("sheetData"u8)) break;
                    if (x.IsEmptyElement) return false;
                    _inSheetData = true;
                    return true;
            }
        }
    }

    private int RowNumber()
    {
        var x = _x;
        var number = _lastRow + 1;
        for (var k = 0; k < x.AttributeCount; k++)
        {
            if (x.AttributeLetter(k) == 'r' && TryParseDigits(x.ShortValue(k), out var r) && r > 0) number = r;
        }
        return number;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadCells(int[] slotOfColumn, RawCell[] slots)
    {
        var x = _x;
        var lastColumn = -1;
        while (x.NextChild())
        {
            var column = -1;
            var style = 0;
            var kind = RawKind.Number;
            if (x.TryReadCell(out var bytes))
            {
                if (bytes.R >= 0) Attribute((byte)'r', x.ShortBytes(bytes.R, bytes.RLength), ref column, ref style, ref kind);
                if (bytes.S >= 0) Attribute((byte)'s', x.ShortBytes(bytes.S, bytes.SLength), ref column, ref style, ref kind);
                if (bytes.T >= 0) Attribute((byte)'t', x.ShortBytes(bytes.T, bytes.TLength), ref column, ref style, ref kind);
                if (column < 0) column = lastColumn + 1;
                lastColumn = column;
                var slot = column < slotOfColumn.Length ? slotOfColumn[column] : -1;
                if (bytes.Empty || slot < 0) continue;
                var kept = Start(slots[slot], column, style);
                var text = x.Bytes(bytes.Text, bytes.TextLength);
                if (text.Length > kept.Chars.Length) kept.Chars = new char[Math.Max(text.Length, kept.Chars.Length * 2)];
                for (var j = 0; j < text.Length; j++) kept.Chars[j] = (char)text[j];
                kept.Length = text.Length;
                SetValue(kept, kind);
                continue;
            }
            x.ReadStartTag();
            var name = x.LocalName;
            if (name.Length != 1 || name[0] != 'c') throw new ScanFallbackException("an element other than a cell in a row");
            for (var k = 0; k < x.AttributeCount; k++)
            {
                var letter = x.AttributeLetter(k);
                if (letter is (byte)'r' or (byte)'s' or (byte)'t') Attribute(letter, x.ShortValue(k), ref column, ref style, ref kind);
            }
            if (column < 0) column = lastColumn + 1;
            lastColumn = column;
            var slotIndex = column < slotOfColumn.Length ? slotOfColumn[column] : -1;
            if (x.IsEmptyElement) continue;
            if (slotIndex < 0)
            {
                x.SkipElement();
                continue;
            }
            var cell = Start(slots[slotIndex], column, style);
            if (x.TryReadTextChild((byte)'v', ref cell.Chars, out var length))
            {
                cell.Length = length;
                SetValue(cell, kind);
                continue;
            }
            ReadCellContent(cell, kind);
        }
    }

    /// <summary>What the r, s and t attributes of a cell say (the XmlReader path's rules, on the value's first 32 characters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Attribute(byte letter, ReadOnlySpan<byte> value, ref int column, ref int style, ref RawKind kind)
    {
        switch (letter)
        {
            case (byte)'r':
                if (TryParseColumn(value, out var col)) column = col;
                break;
            case (byte)'t':
                kind = CellKind(value);
                break;
            default:
                if (!TryParseDigits(value, out style)) style = 0;
                break;
        }
    }

    /// <summary>A kept cell of the current row, emptied, before its content is read.</summary>
    private RawCell Start(RawCell cell, int column, int style) => cell.Begin(_generation, column, style);

    private static RawKind CellKind(ReadOnlySpan<byte> t)
    {
        if (t.Length == 1)
        {
            return t[0] switch
            {
                (byte)'s' => RawKind.SharedString,
                (byte)'b' => RawKind.Boolean,
                (byte)'e' => RawKind.Error,
                (byte)'d' => RawKind.IsoDate,
                _ => RawKind.Number,
            };
        }
        return t.SequenceEqual("str"u8) || t.SequenceEqual("inlineStr"u8) ? RawKind.String : RawKind.Number;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadCellContent(RawCell cell, RawKind kind)
    {
        var x = _x;
        while (x.NextChild())
        {
            x.ReadStartTag();
            var name = x.LocalName;
            if (name.Length == 1 && name[0] == 'v')
            {
                if (x.IsEmptyElement) continue;
                ReadValue(cell);
                SetValue(cell, kind);
            }
            else if (name.Length == 1 && name[0] == 'f')
            {
                cell.Formula = true;
                if (!x.IsEmptyElement) x.SkipElement();
            }
            else if (name.SequenceEqual("is"u8))
            {
                if (x.IsEmptyElement) continue;
                cell.Text = ReadRichText();
                cell.Kind = RawKind.String;
            }
            else if (!x.IsEmptyElement)
            {
                x.SkipElement();
            }
        }
    }

    /// <summary>After a &lt;v&gt;: the cell takes the kind of its t attribute, the shared string or the text.</summary>
    private void SetValue(RawCell cell, RawKind kind)
    {
        cell.Kind = kind;
        if (kind == RawKind.SharedString)
        {
            if (TryParseDigits(cell.Span, out var index) && index < _sharedStrings.Length)
                cell.Text = _sharedStrings[index];
            else
                throw new WorkbookRejectedException(400, XlsxPackage.Corrupt);
        }
        else if (kind is RawKind.String or RawKind.Error or RawKind.IsoDate)
        {
            cell.Text = new string(cell.Span);
        }
    }

    private void ReadValue(RawCell cell)
    {
        var x = _x;
        cell.Length = 0;
        while (true)
        {
            var token = x.Peek();
            if (token == XmlToken.Text) x.ReadText(ref cell.Chars, ref cell.Length);
            else if (token == XmlToken.EndTag) break;
            else throw new ScanFallbackException("an element inside a value");
        }
        x.ReadEndTag();
    }

    /// <summary>The texts of the &lt;t&gt; runs of an &lt;is&gt;, phonetic runs left out: <see cref="XmlSheetRows.ReadRichText"/> step for step.</summary>
    private string ReadRichText()
    {
        var x = _x;
        var depth = x.ElementDepth;
        var length = 0;
        var inT = false;
        var phoneticDepth = -1;
        while (true)
        {
            switch (x.Peek())
            {
                case XmlToken.Text:
                    if (inT) x.ReadText(ref _rich, ref length);
                    else x.SkipText();
                    break;
                case XmlToken.StartTag:
                    x.ReadStartTag();
                    if (phoneticDepth < 0 && !x.IsEmptyElement)
                    {
                        if (x.LocalName.SequenceEqual("rPh"u8)) phoneticDepth = x.ElementDepth;
                        else if (x.LocalName.SequenceEqual("t"u8)) inT = true;
                    }
                    break;
                default:
                    x.ReadEndTag();
                    if (x.Depth == depth) return XmlSheetRows.DecodeEscapes(new string(_rich, 0, length));
                    if (x.Depth == phoneticDepth) phoneticDepth = -1;
                    inT = false;
                    break;
            }
        }
    }

    /// <summary>int.TryParse with NumberStyles.None: ASCII digits only, at least one, no overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseDigits<T>(ReadOnlySpan<T> digits, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (digits.IsEmpty) return false;
        long n = 0;
        foreach (var d in digits)
        {
            var digit = int.CreateTruncating(d) - '0';
            if ((uint)digit > 9) return false;
            n = (n * 10) + digit;
            if (n > int.MaxValue) return false;
        }
        value = (int)n;
        return true;
    }

    /// <summary><see cref="WorkbookText.TryParseReference"/> on bytes: the 0-based column of "AB12".</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseColumn(ReadOnlySpan<byte> reference, out int column)
    {
        column = -1;
        var i = 0;
        var col = 0;
        while (i < reference.Length && char.IsAsciiLetter((char)reference[i]))
        {
            col = (col * 26) + ((reference[i] & ~0x20) - 'A' + 1);
            if (col > 16384) return false;
            i++;
        }
        if (i == 0) return false;
        var row = 0;
        while (i < reference.Length && char.IsAsciiDigit((char)reference[i]))
        {
            row = (row * 10) + (reference[i] - '0');
            if (row > 1_048_576) return false;
            i++;
        }
        if (i != reference.Length) return false;
        column = col - 1;
        return true;
    }

    public void Dispose() => _x.Dispose();
}
