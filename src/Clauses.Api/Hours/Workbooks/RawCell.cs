namespace Clauses.Api.Hours.Workbooks;

internal enum RawKind : byte { None, Number, SharedString, String, Boolean, Error, IsoDate }

/// <summary>The raw content of one cell of the current row (reused from row to row: no per-cell allocation for numbers).</summary>
internal sealed class RawCell
{
    public int Generation;
    public RawKind Kind;
    public bool Formula;
    public int Style;
    public int Column;
    public char[] Chars = new char[32];
    public int Length;
    public string? Text;

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    /// <summary>Empties the cell for a new row's cell at this column and style, before its content is read.</summary>
    public RawCell Begin(int generation, int column, int style)
    {
        Generation = generation;
        Kind = RawKind.None;
        Formula = false;
        Style = style;
        Column = column;
        Length = 0;
        Text = null;
        return this;
    }
}
