using System.Globalization;
using System.Text;

namespace Clauses.Api.Spar;

/// <summary>
/// The dashboard as one CSV file that French Excel opens as it is: UTF-8 with a byte-order mark, ";" between fields, decimal
/// comma, dates as dd/MM/yyyy. A title line, then each block: its name, its header line, its rows, and a blank line.
/// </summary>
public static class SparDashboardCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    private const char Separator = ';';

    public static byte[] Write(SparDashboard dashboard)
    {
        var text = new StringBuilder();
        Line(text, [Defused(SparDashboardExport.Title(dashboard))]);
        foreach (var table in SparDashboardExport.Tables(dashboard))
        {
            text.Append("\r\n");
            Line(text, [table.Name]);
            Line(text, table.Headers);
            foreach (var row in table.Rows) Line(text, row.Select(Field).ToList());
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Field(SparCell cell) => cell switch
    {
        { Number: { } n } => n.ToString(CultureInfo.InvariantCulture).Replace('.', ','),
        { Date: { } d } => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => Defused(cell.Text ?? ""),
    };

    /// <summary>A text a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage return) gets a leading
    /// apostrophe, so it stays text (CSV injection, OWASP).</summary>
    public static string Defused(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(Separator);
            text.Append(Quoted(fields[i]));
        }
        text.Append("\r\n");
    }

    private static string Quoted(string field) =>
        field.IndexOfAny([Separator, '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
