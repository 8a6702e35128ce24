using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Text: characters, references, line ends, spaces; and the prologue.</summary>
internal sealed partial class Utf8XmlScanner
{
    private const int MaxReferenceBytes = 32;

    // Bytes that need no attention in text: printable ASCII but '<', '&', ']', plus tab and line feed (and carriage return when skipping).
    private static readonly SearchValues<byte> PlainSkip = SearchValues.Create(PlainBytes(withCarriageReturn: true));
    private static readonly SearchValues<byte> PlainRead = SearchValues.Create(PlainBytes(withCarriageReturn: false));

    private static byte[] PlainBytes(bool withCarriageReturn)
    {
        var list = new List<byte> { (byte)'\t', (byte)'\n' };
        if (withCarriageReturn) list.Add((byte)'\r');
        for (var b = 0x20; b < 0x80; b++)
            if (b is not ('<' or '&' or ']')) list.Add((byte)b);
        return [.. list];
    }

    /// <summary>Checks the text up to the next markup and passes over it, without keeping it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SkipText()
    {
        while (true)
        {
            var buf = _buf;
            var i = _pos;
            var end = _end;
            while (true)
            {
                var k = buf.AsSpan(i, end - i).IndexOfAnyExcept(PlainSkip);
                if (k < 0) { i = end; break; }
                i += k;
                var b = buf[i];
                if (b == '<') { _pos = i; return; }
                int n;
                if (b == '&') n = ScanReference(i, out _);
                else if (b == ']') n = CheckBracket(i);
                else if (b >= 0x80) n = CheckUtf8(i, out _);
                else throw new ScanFallbackException("a character XML does not allow");
                if (n == 0) break;
                i += n;
            }
            _pos = i;
            if (!Fill()) throw new ScanFallbackException("the part ends inside the sheet data");
        }
    }

    /// <summary>
    /// Appends the text up to the next markup to <paramref name="chars"/>, decoded (references, line ends normalised to '\n').
    /// A text of XML spaces only is left out unless xml:space="preserve" applies, as XmlReader with IgnoreWhitespace does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadText(ref char[] chars, ref int length)
    {
        var start = length;
        var blank = true;
        while (true)
        {
            var buf = _buf;
            var i = _pos;
            var end = _end;
            while (true)
            {
                var k = buf.AsSpan(i, end - i).IndexOfAnyExcept(PlainRead);
                var runEnd = k < 0 ? end : i + k;
                if (runEnd > i)
                {
                    var run = buf.AsSpan(i, runEnd - i);
                    if (blank && run.IndexOfAnyExcept(" \t\n"u8) >= 0) blank = false;
                    if (length + run.Length > chars.Length) GrowChars(ref chars, length + run.Length);
                    for (var j = 0; j < run.Length; j++) chars[length + j] = (char)run[j];
                    length += run.Length;
                    i = runEnd;
                }
                if (k < 0) break;
                var b = buf[i];
                if (b == '<')
                {
                    _pos = i;
                    if (blank && !_preserve[_depth]) length = start;
                    return;
                }
                if (length + 2 > chars.Length) GrowChars(ref chars, length + 2);
                if (b == '&')
                {
                    var n = ScanReference(i, out var code);
                    if (n == 0) break;
                    if (code < 0x10000)
                    {
                        chars[length++] = (char)code;
                    }
                    else
                    {
                        length += new Rune(code).EncodeToUtf16(chars.AsSpan(length));
                    }
                    if (code is not (' ' or '\t' or '\n' or '\r')) blank = false;
                    i += n;
                }
                else if (b == '\r')
                {
                    if (i + 1 >= end) break;
                    chars[length++] = '\n';
                    i += buf[i + 1] == '\n' ? 2 : 1;
                }
                else if (b == ']')
                {
                    if (CheckBracket(i) == 0) break;
                    chars[length++] = ']';
                    blank = false;
                    i++;
                }
                else if (b >= 0x80)
                {
                    var n = CheckUtf8(i, out var rune);
                    if (n == 0) break;
                    length += rune.EncodeToUtf16(chars.AsSpan(length));
                    blank = false;
                    i += n;
                }
                else
                {
                    throw new ScanFallbackException("a character XML does not allow");
                }
            }
            _pos = i;
            if (!Fill()) throw new ScanFallbackException("the part ends inside the sheet data");
        }
    }

    /// <summary>
    /// The usual cell content in one step: when the buffered bytes are exactly &lt;p:<paramref name="localName"/>&gt;, a text of
    /// printable ASCII without '&amp;', ']' or only spaces, the matching end tag and the end tag of the element just entered
    /// (p: its prefix), reads them, puts the text in <paramref name="chars"/> and leaves that element, as ReadStartTag, ReadText
    /// and two ReadEndTag would. Otherwise reads nothing and returns false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadTextChild(byte localName, ref char[] chars, out int length)
    {
        length = 0;
        var buf = _buf;
        var end = _end;
        var open = _nameStarts[_depth - 1];
        var name = _names.AsSpan(open, _namesLength - open);
        var prefix = name[.._prefixLengths[_depth - 1]];
        var i = _pos;
        if (end - i < prefix.Length + 3 || buf[i] != '<' || !buf.AsSpan(i + 1, prefix.Length).SequenceEqual(prefix)) return false;
        i += prefix.Length + 1;
        if (buf[i] != localName || buf[i + 1] != '>') return false;
        i += 2;
        var start = i;
        if (!PlainTextRun(buf, ref i, end) || buf[i] != '<') return false;
        var textEnd = i;
        if (end - i < prefix.Length + name.Length + 7) return false;
        if (buf[i + 1] != '/' || !buf.AsSpan(i + 2, prefix.Length).SequenceEqual(prefix)) return false;
        i += prefix.Length + 2;
        if (buf[i] != localName || buf[i + 1] != '>' || buf[i + 2] != '<' || buf[i + 3] != '/') return false;
        i += 4;
        if (!buf.AsSpan(i, name.Length).SequenceEqual(name) || buf[i + name.Length] != '>') return false;
        length = textEnd - start;
        if (length > chars.Length) GrowChars(ref chars, length);
        for (var j = 0; j < length; j++) chars[j] = (char)buf[start + j];
        Leave();
        _pos = i + name.Length + 1;
        return true;
    }

    private static void GrowChars(ref char[] chars, int needed) => Array.Resize(ref chars, Math.Max(needed, chars.Length * 2));

    /// <summary>A ']' is fine unless it starts "]]&gt;". 1, or 0 when more bytes are needed to tell.</summary>
    private int CheckBracket(int i)
    {
        if (i + 1 >= _end) return 0;
        if (_buf[i + 1] != ']') return 1;
        if (i + 2 >= _end) return 0;
        if (_buf[i + 2] == '>') throw new ScanFallbackException("']]>' in text");
        return 1;
    }

    /// <summary>One UTF-8 character that XML allows: its length, or 0 when more bytes are needed.</summary>
    private int CheckUtf8(int i, out Rune rune)
    {
        var status = Rune.DecodeFromUtf8(_buf.AsSpan(i, _end - i), out rune, out var length);
        if (status == OperationStatus.NeedMoreData) return 0;
        if (status != OperationStatus.Done) throw new ScanFallbackException("invalid UTF-8");
        if (rune.Value is 0xFFFE or 0xFFFF) throw new ScanFallbackException("a character XML does not allow");
        return length;
    }

    /// <summary>
    /// A reference on its '&amp;': one of the five predefined entities or a character reference to a character XML allows.
    /// Its length up to the ';', or 0 when more bytes are needed; anything else falls back (XmlReader rejects it).
    /// </summary>
    private int ScanReference(int i, out int code)
    {
        code = 0;
        var limit = Math.Min(_end, i + MaxReferenceBytes);
        var semicolon = _buf.AsSpan(i + 1, limit - i - 1).IndexOf((byte)';');
        if (semicolon < 0)
        {
            if (limit == i + MaxReferenceBytes) throw new ScanFallbackException("a reference the scanner does not handle");
            return 0;
        }
        var name = _buf.AsSpan(i + 1, semicolon);
        if (name.SequenceEqual("amp"u8)) code = '&';
        else if (name.SequenceEqual("lt"u8)) code = '<';
        else if (name.SequenceEqual("gt"u8)) code = '>';
        else if (name.SequenceEqual("quot"u8)) code = '"';
        else if (name.SequenceEqual("apos"u8)) code = '\'';
        else if (name.Length >= 3 && name[0] == '#' && name[1] == 'x') code = Number(name[2..], 16);
        else if (name.Length >= 2 && name[0] == '#') code = Number(name[1..], 10);
        else throw new ScanFallbackException("a reference the scanner does not handle");
        return semicolon + 2;
    }

    private static int Number(ReadOnlySpan<byte> digits, int radix)
    {
        var value = 0;
        foreach (var d in digits)
        {
            int digit;
            if (d is >= (byte)'0' and <= (byte)'9') digit = d - '0';
            else if (radix == 16 && d is >= (byte)'a' and <= (byte)'f') digit = d - 'a' + 10;
            else if (radix == 16 && d is >= (byte)'A' and <= (byte)'F') digit = d - 'A' + 10;
            else throw new ScanFallbackException("a malformed character reference");
            value = (value * radix) + digit;
            if (value > 0x10FFFF) throw new ScanFallbackException("a character reference out of range");
        }
        if (value is not (0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF)))
            throw new ScanFallbackException("a character reference to a character XML does not allow");
        return value;
    }

    /// <summary>
    /// The byte order mark and XML declaration, if any, and the spaces before the root element. Only UTF-8, version 1.0, written
    /// plainly; anything else (another encoding, a DOCTYPE, a comment or processing instruction before the root) falls back.
    /// </summary>
    public void ReadPrologue()
    {
        while (_end - _pos < 3 && Fill()) { }
        var head = _buf.AsSpan(_pos, _end - _pos);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _pos += 3;
        else if (head.Length > 0 && head[0] is 0x00 or 0xFE or 0xFF) throw new ScanFallbackException("a part not in UTF-8");
        while (_end - _pos < 5 && Fill()) { }
        if (_buf.AsSpan(_pos, _end - _pos).StartsWith("<?xml"u8)) ReadDeclaration();
        while (true)
        {
            while (_pos < _end && IsSpace(_buf[_pos])) _pos++;
            if (_pos < _end || !Fill()) break;
        }
        if (Peek() != XmlToken.StartTag) throw new ScanFallbackException("text before the root element");
    }

    private void ReadDeclaration()
    {
        int close;
        while ((close = _buf.AsSpan(_pos, _end - _pos).IndexOf("?>"u8)) < 0)
        {
            if (_end - _pos > 256 || !Fill()) throw new ScanFallbackException("an XML declaration the scanner does not handle");
        }
        var declaration = _buf.AsSpan(_pos + 5, close - 5);
        var i = 0;
        if (!Pseudo(declaration, ref i, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
            throw new ScanFallbackException("an XML declaration the scanner does not handle");
        if (Pseudo(declaration, ref i, "encoding"u8, out var encoding) && !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
            throw new ScanFallbackException("a part not in UTF-8");
        if (Pseudo(declaration, ref i, "standalone"u8, out var standalone) && !standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
            throw new ScanFallbackException("an XML declaration the scanner does not handle");
        while (i < declaration.Length && IsSpace(declaration[i])) i++;
        if (i != declaration.Length) throw new ScanFallbackException("an XML declaration the scanner does not handle");
        _pos += close + 2;
    }

    /// <summary>S name S? '=' S? quoted value, when <paramref name="name"/> comes next; <paramref name="i"/> only moves if it does.</summary>
    /// <summary>Steps over a run of printable ASCII text with nothing to decode (no markup, entity or "]]>"): true when the run
    /// stops inside the buffer and is not blank (a blank value is read by the general path, which keeps its spaces).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlainTextRun(byte[] buf, ref int i, int end)
    {
        var blank = true;
        while (true)
        {
            if (i >= end) return false;
            var b = buf[i];
            if (b is < 0x20 or >= 0x7F or (byte)'<' or (byte)'&' or (byte)']') return !blank;
            if (b != ' ') blank = false;
            i++;
        }
    }

    private static bool Pseudo(ReadOnlySpan<byte> text, ref int i, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var j = i;
        if (j >= text.Length || !IsSpace(text[j])) return false;
        while (j < text.Length && IsSpace(text[j])) j++;
        if (!text[j..].StartsWith(name)) return false;
        j += name.Length;
        while (j < text.Length && IsSpace(text[j])) j++;
        if (j >= text.Length || text[j] != '=') throw new ScanFallbackException("an XML declaration the scanner does not handle");
        j++;
        while (j < text.Length && IsSpace(text[j])) j++;
        if (j >= text.Length || text[j] is not ((byte)'"' or (byte)'\'')) throw new ScanFallbackException("an XML declaration the scanner does not handle");
        var end = text[(j + 1)..].IndexOf(text[j]);
        if (end < 0) throw new ScanFallbackException("an XML declaration the scanner does not handle");
        value = text.Slice(j + 1, end);
        i = j + end + 2;
        return true;
    }
}
