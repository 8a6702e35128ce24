using System.Buffers;
using System.Runtime.CompilerServices;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>The byte scanner met something it does not handle, or malformed XML: the caller starts over with XmlReader, which decides.</summary>
internal sealed class ScanFallbackException(string reason) : Exception(reason);

internal enum XmlToken : byte { Text, StartTag, EndTag }

/// <summary>
/// A forward-only scanner of the UTF-8 bytes of an XML part, for the simple shape spreadsheets are written in: elements (prefixes
/// included), attributes, text with the predefined entities and character references. Within that shape it checks what XmlReader
/// checks (names, nesting, namespaces, duplicate attributes, characters, UTF-8); anything else (DTD, CDATA, comments, processing
/// instructions, other encodings, malformed XML) throws <see cref="ScanFallbackException"/> before any of it is used.
/// The part is streamed through one pooled buffer; only a single tag must fit in it (it grows up to <see cref="MaxBufferBytes"/>).
/// </summary>
internal sealed partial class Utf8XmlScanner : IDisposable
{
    internal const int DefaultBufferSize = 1 << 16;
    private const int MaxBufferBytes = 1 << 20;
    private const int MaxDepth = 1_000;
    private const int MaxAttributes = 256;
    private const int ReadAheadBytes = 8 << 10;

    private struct Attribute
    {
        public int NameStart, NameEnd, Colon, ValueStart, ValueEnd;
        public bool Plain; // printable ASCII only, no reference: the raw bytes are the value XmlReader gives
    }

    private readonly Stream _stream;
    private byte[] _buf;
    private int _capacity;
    private int _pos;
    private int _end;
    private bool _eof;

    // The last start tag; its offsets hold until the next read from the stream.
    private int _nameStart, _nameEnd, _colon, _tagEnd, _elementDepth, _scanColon;
    private bool _isEmpty;
    private bool _specialAttributes; // prefixed or xmlns: SpecialAttributes looks at them
    private Attribute[] _attrs = new Attribute[8];
    private int _attrCount;

    // Open elements: their qualified names (end tags must repeat them), xml:space, namespace prefixes in scope.
    private byte[] _names = new byte[256];
    private int _namesLength;
    private int[] _nameStarts = new int[16];
    private int[] _prefixLengths = new int[16]; // of each open element's name, ':' included (0 without a prefix)
    private bool[] _preserve = new bool[17]; // [d]: xml:space="preserve" applies to the nodes at depth d
    private int _depth;
    private readonly List<(byte[] Prefix, int Depth)> _prefixes = [];
    private int _prefixesVersion;
    private byte[] _found = [];
    private int _foundVersion = -1;

    public Utf8XmlScanner(Stream stream, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _stream = stream;
        _capacity = bufferSize;
        _buf = Rent(bufferSize);
    }

    /// <summary>Open elements: the depth XmlReader gives a node inside the innermost one, and the depth of an element just closed.</summary>
    public int Depth => _depth;

    /// <summary>The depth of the last start tag, as XmlReader counts it (the root is 0).</summary>
    public int ElementDepth => _elementDepth;

    public bool IsEmptyElement => _isEmpty;

    public ReadOnlySpan<byte> LocalName => _buf.AsSpan(_colon < 0 ? _nameStart : _colon + 1, _nameEnd - (_colon < 0 ? _nameStart : _colon + 1));

    public int AttributeCount => _attrCount;

    /// <summary>The name of attribute <paramref name="index"/> when it is one unprefixed letter (r, s, t), otherwise 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte AttributeLetter(int index)
    {
        ref var a = ref _attrs[index];
        return a.NameEnd - a.NameStart == 1 ? _buf[a.NameStart] : (byte)0;
    }

    /// <summary>
    /// The value of attribute <paramref name="index"/> cut to the 32 characters the XmlReader path reads. Values with references, tabs,
    /// line breaks or non-ASCII characters (which XmlReader would normalise) fall back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ShortValue(int index)
    {
        ref var a = ref _attrs[index];
        if (!a.Plain) ThrowNotPlain();
        return _buf.AsSpan(a.ValueStart, Math.Min(a.ValueEnd - a.ValueStart, 32));
    }

    private static void ThrowNotPlain() =>
        throw new ScanFallbackException("an attribute value with a reference, a line break or a non-ASCII character");

    /// <summary>Passes over text up to the next tag: true before a child's start tag, false once the current element's end tag
    /// is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextChild()
    {
        while (true)
        {
            switch (Peek())
            {
                case XmlToken.Text:
                    SkipText();
                    break;
                case XmlToken.EndTag:
                    ReadEndTag();
                    return false;
                default:
                    return true;
            }
        }
    }

    /// <summary>What comes next. Comments, CDATA sections, DOCTYPE and processing instructions fall back, as does the end of the part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public XmlToken Peek()
    {
        if (_end - _pos < 2) Ensure(2);
        var buf = _buf;
        if (buf[_pos] != '<') return XmlToken.Text;
        var b = buf[_pos + 1];
        if (b == '/') return XmlToken.EndTag;
        if (b is (byte)'!' or (byte)'?') throw new ScanFallbackException("a comment, CDATA section, DOCTYPE or processing instruction");
        return XmlToken.StartTag;
    }

    /// <summary>
    /// Reads on until <see cref="ReadAheadBytes"/> are buffered past the position (or the part ends). XmlReader reads less than
    /// 4 KB past the node it returns: a refusal of the stream (inflate guard, zip) that it would meet before returning a row is met
    /// here before the scanner returns it, and the scanner hands over; so both paths deliver the same rows, then the same refusal.
    /// </summary>
    public void ReadAhead()
    {
        if (!_eof && _end - _pos < Math.Min(ReadAheadBytes, _capacity / 2)) Fill();
    }

    private void Ensure(int bytes)
    {
        while (_end - _pos < bytes)
            if (!Fill()) throw new ScanFallbackException("the part ends inside the sheet data");
    }

    /// <summary>Keeps the bytes from the current position on, then reads until the buffer is full. False when nothing more came.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        else if (_end == _capacity)
        {
            Grow();
        }
        var before = _end;
        while (_end < _capacity)
        {
            int n;
            try { n = _stream.Read(_buf, _end, _capacity - _end); }
            catch (Exception ex) when (ex is WorkbookRejectedException or InvalidDataException or EndOfStreamException)
            {
                // The inflate guard or the zip refused the part: XmlReader reads it again and meets the same refusal, or an XML error
                // it would have reported first (it reads ahead less than this buffer), so the outcome is the XmlReader path's.
                throw new ScanFallbackException("reading the part failed: " + ex.Message);
            }
            if (n == 0) { _eof = true; break; }
            _end += n;
        }
        return _end > before;
    }

    private void Grow()
    {
        if (_capacity >= MaxBufferBytes) throw new ScanFallbackException("a tag longer than the scanner's buffer");
        var capacity = Math.Min(MaxBufferBytes, Math.Max(64, _capacity * 2));
        var bigger = Rent(capacity);
        Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
        Return(_buf);
        _buf = bigger;
        _capacity = capacity;
    }

    // Tiny buffers (tests of tokens straddling refills) are allocated at their exact size; real ones come from the pool.
    private static byte[] Rent(int size) => size < 4096 ? new byte[size] : ArrayPool<byte>.Shared.Rent(size);

    private static void Return(byte[] buffer)
    {
        if (buffer.Length >= 4096) ArrayPool<byte>.Shared.Return(buffer);
    }

    public void Dispose()
    {
        Return(_buf);
        _buf = [];
        _stream.Dispose();
    }
}
