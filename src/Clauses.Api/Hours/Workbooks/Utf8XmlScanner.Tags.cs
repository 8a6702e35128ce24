using System.Runtime.CompilerServices;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Start and end tags: names, attributes, namespace prefixes, xml:space, nesting.</summary>
internal sealed partial class Utf8XmlScanner
{
    private const byte NameEnd = 0, NameStartChar = 1, NameChar = 2, NameColon = 3, NameOther = 4;

    // Names are limited to ASCII letters, digits, '_', '-', '.' and one ':'; other names (legal or not) fall back.
    private static readonly byte[] NameClass = BuildNameClass();

    // Bytes of an attribute value that need no attention (printable ASCII but '<' and '&'; both quotes are checked first).
    private static readonly bool[] ValuePlain = [.. Enumerable.Range(0, 256).Select(b => b is >= 0x20 and < 0x80 and not ('<' or '&'))];

    private static byte[] BuildNameClass()
    {
        var table = new byte[256];
        for (var b = 0x80; b < 256; b++) table[b] = NameOther;
        for (var b = 'a'; b <= 'z'; b++) table[b] = NameStartChar;
        for (var b = 'A'; b <= 'Z'; b++) table[b] = NameStartChar;
        table['_'] = NameStartChar;
        for (var b = '0'; b <= '9'; b++) table[b] = NameChar;
        table['-'] = NameChar;
        table['.'] = NameChar;
        table[':'] = NameColon;
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>Reads a start tag (the scanner is on its '&lt;'): checks it, then enters the element unless it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadStartTag()
    {
        while (!TryParseStartTag())
            if (!Fill()) throw new ScanFallbackException("the part ends inside a tag");
        FinishStartTag();
    }

    /// <summary>Reads an end tag; it must close the innermost open element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadEndTag()
    {
        while (!TryParseEndTag())
            if (!Fill()) throw new ScanFallbackException("the part ends inside a tag");
    }

    /// <summary>Reads everything up to and including the end tag of the element whose start tag was just read.</summary>
    public void SkipElement()
    {
        var depth = _depth - 1;
        while (_depth > depth)
        {
            switch (Peek())
            {
                case XmlToken.Text: SkipText(); break;
                case XmlToken.StartTag: ReadStartTag(); break;
                default: ReadEndTag(); break;
            }
        }
    }

    /// <summary>Scans a qualified name from <paramref name="i"/>: the offset after it, or -1 when the buffer ends first; its ':' in _scanColon.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ScanName(int i)
    {
        var buf = _buf;
        var end = _end;
        var colon = -1;
        if (i >= end) return -1;
        if (NameClass[buf[i]] != NameStartChar) throw new ScanFallbackException("a name the scanner does not handle");
        i++;
        while (true)
        {
            if (i >= end) return -1;
            var c = NameClass[buf[i]];
            if (c is NameStartChar or NameChar) { i++; continue; }
            if (c == NameEnd) break;
            if (c == NameOther || colon >= 0) throw new ScanFallbackException("a name the scanner does not handle");
            colon = i++;
            if (i >= end) return -1;
            if (NameClass[buf[i]] != NameStartChar) throw new ScanFallbackException("a name the scanner does not handle");
        }
        _scanColon = colon;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParseStartTag()
    {
        var i = ScanName(_pos + 1);
        if (i < 0) return false;
        _nameStart = _pos + 1;
        _nameEnd = i;
        _colon = _scanColon;
        var buf = _buf;
        var end = _end;
        var count = 0;
        var special = false;
        while (true)
        {
            if (i >= end) return false;
            var b = buf[i];
            if (b == '>') { _isEmpty = false; i++; break; }
            if (b == '/')
            {
                if (i + 1 >= end) return false;
                if (buf[i + 1] != '>') throw new ScanFallbackException("malformed tag");
                _isEmpty = true;
                i += 2;
                break;
            }
            if (!IsSpace(b)) throw new ScanFallbackException("malformed tag");
            do
            {
                if (++i >= end) return false;
                b = buf[i];
            } while (IsSpace(b));
            if (b is (byte)'>' or (byte)'/') continue;

            var nameStart = i;
            i = ScanName(i);
            if (i < 0) return false;
            var nameEnd = i;
            var attrColon = _scanColon;
            if (attrColon >= 0 || (nameEnd - nameStart == 5 && buf[nameStart] == 'x')) special = true;
            while (true)
            {
                if (i >= end) return false;
                b = buf[i];
                if (!IsSpace(b)) break;
                i++;
            }
            if (b != '=') throw new ScanFallbackException("malformed attribute");
            while (true)
            {
                if (++i >= end) return false;
                b = buf[i];
                if (!IsSpace(b)) break;
            }
            if (b is not ((byte)'"' or (byte)'\'')) throw new ScanFallbackException("malformed attribute");
            var quote = b;
            var valueStart = ++i;
            var plain = true;
            while (true)
            {
                if (i >= end) return false;
                b = buf[i];
                if (b == quote) break;
                if (ValuePlain[b]) { i++; continue; }
                if (b is >= 0x20 and < 0x80)
                {
                    if (b == '<') throw new ScanFallbackException("'<' in an attribute value");
                    if (b == '&')
                    {
                        var n = ScanReference(i, out _);
                        if (n == 0) return false;
                        plain = false;
                        i += n;
                        continue;
                    }
                    i++;
                }
                else if (b >= 0x80)
                {
                    var n = CheckUtf8(i, out _);
                    if (n == 0) return false;
                    plain = false;
                    i += n;
                }
                else if (b is (byte)'\t' or (byte)'\n' or (byte)'\r')
                {
                    plain = false;
                    i++;
                }
                else
                {
                    throw new ScanFallbackException("a character XML does not allow");
                }
            }
            if (count == _attrs.Length)
            {
                if (count == MaxAttributes) throw new ScanFallbackException("too many attributes");
                Array.Resize(ref _attrs, count * 2);
            }
            ref var a = ref _attrs[count++];
            a.NameStart = nameStart;
            a.NameEnd = nameEnd;
            a.Colon = attrColon;
            a.ValueStart = valueStart;
            a.ValueEnd = i;
            a.Plain = plain;
            i++;
        }
        _attrCount = count;
        _specialAttributes = special;
        _tagEnd = i;
        return true;
    }

    /// <summary>Namespace declarations, prefixes, xml:space and duplicate attributes, then the element is entered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinishStartTag()
    {
        var depth = _depth;
        var preserve = _preserve[depth];
        var declared = _specialAttributes && SpecialAttributes(depth, ref preserve);
        if (_colon >= 0) CheckPrefix(_buf.AsSpan(_nameStart, _colon - _nameStart));
        if (_attrCount > 1) CheckDuplicates();
        _elementDepth = depth;
        if (_isEmpty)
        {
            if (declared) PopPrefixes(depth);
        }
        else
        {
            Enter(preserve);
        }
        _pos = _tagEnd;
    }

    /// <summary>Prefixed attributes and xmlns: declarations first (they apply to the element's own name), then prefixes, xml:space.</summary>
    private bool SpecialAttributes(int depth, ref bool preserve)
    {
        var buf = _buf;
        var declared = false;
        var prefixed = false;
        for (var k = 0; k < _attrCount; k++)
        {
            ref var a = ref _attrs[k];
            if (a.Colon < 0)
            {
                if (buf.AsSpan(a.NameStart, a.NameEnd - a.NameStart).SequenceEqual("xmlns"u8)) CheckNamespace(in a, allowEmpty: true);
                continue;
            }
            var prefix = buf.AsSpan(a.NameStart, a.Colon - a.NameStart);
            var local = buf.AsSpan(a.Colon + 1, a.NameEnd - a.Colon - 1);
            if (prefix.SequenceEqual("xmlns"u8))
            {
                if (local.SequenceEqual("xml"u8) || local.SequenceEqual("xmlns"u8)) throw new ScanFallbackException("a reserved namespace prefix");
                CheckNamespace(in a, allowEmpty: false);
                _prefixes.Add((local.ToArray(), depth));
                _prefixesVersion++;
                declared = true;
            }
            else if (prefix.SequenceEqual("xml"u8))
            {
                if (local.SequenceEqual("space"u8))
                {
                    var value = buf.AsSpan(a.ValueStart, a.ValueEnd - a.ValueStart);
                    if (value.SequenceEqual("preserve"u8)) preserve = true;
                    else if (value.SequenceEqual("default"u8)) preserve = false;
                    else throw new ScanFallbackException("an xml:space value other than preserve or default");
                }
                else if (!local.SequenceEqual("lang"u8))
                {
                    throw new ScanFallbackException("an xml: attribute other than xml:space and xml:lang");
                }
            }
            else
            {
                prefixed = true;
            }
        }
        if (prefixed)
        {
            for (var k = 0; k < _attrCount; k++)
            {
                ref var a = ref _attrs[k];
                if (a.Colon < 0) continue;
                var prefix = buf.AsSpan(a.NameStart, a.Colon - a.NameStart);
                if (!prefix.SequenceEqual("xmlns"u8) && !prefix.SequenceEqual("xml"u8)) CheckPrefix(prefix);
            }
        }
        return declared;
    }

    private void CheckNamespace(in Attribute a, bool allowEmpty)
    {
        var value = _buf.AsSpan(a.ValueStart, a.ValueEnd - a.ValueStart);
        if (!a.Plain) throw new ScanFallbackException("a namespace name with a reference or a non-ASCII character");
        if (value.IsEmpty && !allowEmpty) throw new ScanFallbackException("an empty namespace name for a prefix");
        if (value.SequenceEqual("http://www.w3.org/XML/1998/namespace"u8) || value.SequenceEqual("http://www.w3.org/2000/xmlns/"u8))
            throw new ScanFallbackException("a reserved namespace name");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckPrefix(ReadOnlySpan<byte> prefix)
    {
        // Nearly every element repeats the last prefix (x:): the declarations in scope have not changed since it was found.
        if (_foundVersion == _prefixesVersion && prefix.Length == _found.Length && (prefix.Length == 1 ? prefix[0] == _found[0] : prefix.SequenceEqual(_found)))
            return;
        FindPrefix(prefix);
    }

    private void FindPrefix(ReadOnlySpan<byte> prefix)
    {
        for (var k = _prefixes.Count - 1; k >= 0; k--)
        {
            if (!prefix.SequenceEqual(_prefixes[k].Prefix)) continue;
            _found = _prefixes[k].Prefix;
            _foundVersion = _prefixesVersion;
            return;
        }
        throw new ScanFallbackException("an undeclared or reserved prefix");
    }

    /// <summary>Same qualified name twice; or two prefixed attributes with one local name, which may share a namespace.</summary>
    private void CheckDuplicates()
    {
        var buf = _buf;
        for (var i = 1; i < _attrCount; i++)
        {
            ref var a = ref _attrs[i];
            var length = a.NameEnd - a.NameStart;
            for (var j = 0; j < i; j++)
            {
                ref var b = ref _attrs[j];
                if (b.NameEnd - b.NameStart == length && buf[b.NameStart] == buf[a.NameStart]
                    && buf.AsSpan(a.NameStart, length).SequenceEqual(buf.AsSpan(b.NameStart, length)))
                    throw new ScanFallbackException("a duplicate attribute");
                if (a.Colon >= 0 && b.Colon >= 0
                    && buf.AsSpan(a.Colon, a.NameEnd - a.Colon).SequenceEqual(buf.AsSpan(b.Colon, b.NameEnd - b.Colon)))
                    throw new ScanFallbackException("two prefixed attributes with the same local name");
            }
        }
    }

    private void Enter(bool preserve)
    {
        var depth = _depth;
        if (depth == _nameStarts.Length)
        {
            if (depth == MaxDepth) throw new ScanFallbackException("elements nested too deep");
            Array.Resize(ref _nameStarts, depth * 2);
            Array.Resize(ref _prefixLengths, depth * 2);
            Array.Resize(ref _preserve, (depth * 2) + 1);
        }
        var length = _nameEnd - _nameStart;
        if (_namesLength + length > _names.Length) Array.Resize(ref _names, Math.Max(_names.Length * 2, _namesLength + length));
        _buf.AsSpan(_nameStart, length).CopyTo(_names.AsSpan(_namesLength));
        _nameStarts[depth] = _namesLength;
        _prefixLengths[depth] = _colon < 0 ? 0 : _colon - _nameStart + 1;
        _namesLength += length;
        _depth = depth + 1;
        _preserve[depth + 1] = preserve;
    }

    private void PopPrefixes(int depth)
    {
        while (_prefixes.Count > 0 && _prefixes[^1].Depth == depth)
        {
            _prefixes.RemoveAt(_prefixes.Count - 1);
            _prefixesVersion++;
        }
    }

    /// <summary>Leaves the innermost element, its namespace declarations going out of scope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Leave()
    {
        var depth = --_depth;
        _namesLength = _nameStarts[depth];
        if (_prefixes.Count > 0 && _prefixes[^1].Depth == depth) PopPrefixes(depth);
    }

    /// <summary>'&lt;/' then the open element's name (which was checked when it opened), S?, '&gt;'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParseEndTag()
    {
        if (_depth == 0) throw new ScanFallbackException("an end tag without its start tag");
        var open = _nameStarts[_depth - 1];
        var length = _namesLength - open;
        var i = _pos + 2;
        var buf = _buf;
        if (_end - i <= length) return false;
        if (!buf.AsSpan(i, length).SequenceEqual(_names.AsSpan(open, length)))
            throw new ScanFallbackException("an end tag that does not match its start tag");
        i += length;
        while (true)
        {
            if (i >= _end) return false;
            var b = buf[i];
            if (b == '>') break;
            if (!IsSpace(b)) throw new ScanFallbackException("an end tag that does not match its start tag");
            i++;
        }
        Leave();
        _pos = i + 1;
        return true;
    }
}
