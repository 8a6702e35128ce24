using System.Runtime.CompilerServices;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Where <see cref="Utf8XmlScanner.TryReadCell"/> found a cell's r, s and t values and its text (offsets in the buffer; -1: absent).</summary>
internal struct CellBytes
{
    public int R, RLength, S, SLength, T, TLength, Text, TextLength;
    public bool Empty;
}

/// <summary>The usual shape of a cell read in one step: nine cells in ten are written this way.</summary>
internal sealed partial class Utf8XmlScanner
{
    /// <summary>
    /// When the buffered bytes are exactly a cell in its usual shape, reads it and returns true, as ReadStartTag, ReadText and
    /// ReadEndTag would (nothing is pushed or left open); otherwise reads nothing and returns false. The shape: '&lt;' p 'c' with
    /// p the enclosing element's prefix, then only the attributes r, s, t (each once, single spaces, printable ASCII values
    /// without '&amp;' or '&lt;'), then either '/&gt;' or '&gt;&lt;' p 'v&gt;', a text of printable ASCII without '&amp;', '&lt;' or ']'
    /// that is not only spaces, '&lt;/' p 'v&gt;&lt;/' p 'c&gt;'. The offsets in <paramref name="cell"/> hold until the next read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadCell(out CellBytes cell)
    {
        cell = default;
        cell.R = cell.S = cell.T = -1;
        var buf = _buf;
        var end = _end;
        var i = _pos;
        var open = _nameStarts[_depth - 1];
        var prefixLength = _prefixLengths[_depth - 1];
        if (end - i < prefixLength + 3 || buf[i] != '<' || !SamePrefix(i + 1, open, prefixLength) || buf[i + 1 + prefixLength] != 'c') return false;
        i += prefixLength + 2;
        while (true)
        {
            if (i >= end) return false;
            var b = buf[i];
            if (b == '>')
            {
                i++;
                break;
            }
            if (b == '/')
            {
                if (i + 1 >= end || buf[i + 1] != '>') return false;
                cell.Empty = true;
                _pos = i + 2;
                return true;
            }
            if (b != ' ') return false;
            do
            {
                if (++i >= end) return false;
                b = buf[i];
            } while (b == ' ');
            if (b is (byte)'>' or (byte)'/') continue;
            if (end - i < 3 || buf[i + 1] != '=') return false;
            var quote = buf[i + 2];
            if (quote is not ((byte)'"' or (byte)'\'')) return false;
            var start = i + 3;
            var j = start;
            while (true)
            {
                if (j >= end) return false;
                var c = buf[j];
                if (c == quote) break;
                if (c is < 0x20 or >= 0x7F or (byte)'<' or (byte)'&') return false;
                j++;
            }
            switch (b)
            {
                case (byte)'r' when cell.R < 0: cell.R = start; cell.RLength = j - start; break;
                case (byte)'s' when cell.S < 0: cell.S = start; cell.SLength = j - start; break;
                case (byte)'t' when cell.T < 0: cell.T = start; cell.TLength = j - start; break;
                default: return false;
            }
            i = j + 1;
        }
        if (end - i < prefixLength + 3 || buf[i] != '<' || !SamePrefix(i + 1, open, prefixLength)) return false;
        i += prefixLength + 1;
        if (buf[i] != 'v' || buf[i + 1] != '>') return false;
        i += 2;
        var text = i;
        if (!PlainTextRun(buf, ref i, end) || buf[i] != '<') return false;
        cell.Text = text;
        cell.TextLength = i - text;
        if (end - i < (2 * prefixLength) + 8 || buf[i + 1] != '/' || !SamePrefix(i + 2, open, prefixLength)) return false;
        i += prefixLength + 2;
        if (buf[i] != 'v' || buf[i + 1] != '>' || buf[i + 2] != '<' || buf[i + 3] != '/' || !SamePrefix(i + 4, open, prefixLength)) return false;
        i += prefixLength + 4;
        if (buf[i] != 'c' || buf[i + 1] != '>') return false;
        _pos = i + 2;
        return true;
    }

    /// <summary>Bytes of the buffer at <paramref name="offset"/>, cut to the 32 characters the XmlReader path reads of a value.</summary>
    public ReadOnlySpan<byte> ShortBytes(int offset, int length) => _buf.AsSpan(offset, Math.Min(length, 32));

    public ReadOnlySpan<byte> Bytes(int offset, int length) => _buf.AsSpan(offset, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SamePrefix(int at, int open, int length)
    {
        for (var k = 0; k < length; k++)
            if (_buf[at + k] != _names[open + k]) return false;
        return true;
    }
}
