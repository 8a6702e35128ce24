using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Turns the raw cells of each data row into an <see cref="ImportRow"/>, reporting faulty cells in French.</summary>
internal sealed class RowConverter
{
    private const int MaxTextLength = 200;
    internal const string FormulaMessage = "Les formules ne sont pas acceptées : collez la valeur";

    private readonly string _sheet;
    private readonly HeaderLayout _layout;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly WorkbookLimits _limits;
    private readonly Action<CellError> _onError;
    private readonly Dictionary<string, string> _modalities = new(StringComparer.Ordinal);
    private readonly string _modalityChoices;
    private readonly Func<string, string?> _modalityOf;
    private readonly Func<double, ImportPeriod?> _periodOfSerial;
    private readonly string[] _letters = new string[HeaderLayout.FieldCount];
    private readonly RawCell[] _slots = new RawCell[HeaderLayout.FieldCount];
    private readonly int[] _slotOfColumn;
    private readonly bool[] _failed = new bool[HeaderLayout.FieldCount];
    // Values repeat from row to row (same people, modalities, months): convert each distinct cell text once.
    private const int CacheLimit = 100_000;
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _modalityTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<double, ImportPeriod?> _serialPeriods = [];
    private readonly List<(int Column, CellError Error)> _rowErrors = [];
    private int _errors;
    private bool _overflowReported;
    private int _generation;
    private int _row;

    public RowConverter(string sheet, HeaderLayout layout, bool[] dateStyles, bool date1904, IReadOnlyList<TemplateModality> modalities,
        WorkbookLimits limits, Action<CellError> onError)
    {
        _sheet = sheet;
        _layout = layout;
        _dateStyles = dateStyles;
        _date1904 = date1904;
        _limits = limits;
        _onError = onError;
        foreach (var m in modalities)
        {
            _modalities.TryAdd(WorkbookText.Fold(m.Label), m.Code);
            _modalities.TryAdd(WorkbookText.Fold(m.Code), m.Code);
        }
        _modalityChoices = string.Join(", ", modalities.Take(12).Select(m => m.Label)) + (modalities.Count > 12 ? "…" : "");
        // Made once: a lambda reading the converter's fields is a new delegate at each use, two per row.
        _modalityOf = t => _modalities.GetValueOrDefault(WorkbookText.Fold(t));
        _periodOfSerial = n => CellParsing.FromSerial(n, _date1904) is { } d ? CellParsing.Normalise(d, _layout.PeriodKind) : null;
        var maxColumn = layout.Columns.Max();
        _slotOfColumn = Enumerable.Repeat(-1, maxColumn + 1).ToArray();
        for (var f = 0; f < HeaderLayout.FieldCount; f++)
        {
            _slots[f] = new RawCell();
            var column = layout.Columns[f];
            if (column < 0) continue;
            _slotOfColumn[column] = f;
            _letters[f] = WorkbookText.ColumnLetters(column);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Run(SheetRowSource source, Action<ImportRow> onRow, CancellationToken ct)
    {
        var rows = 0;
        var scanned = 0;
        while (source.NextRow(_slotOfColumn, _slots, out var rowNumber))
        {
            if ((++scanned & 1023) == 0) ct.ThrowIfCancellationRequested();
            _generation = source.Generation;
            _row = rowNumber;
            if (IsBlank()) continue;
            if (++rows > _limits.MaxRows)
                throw new WorkbookRejectedException(413,
                    $"Le classeur dépasse {WorkbookText.Thousands(_limits.MaxRows)} lignes : découpez-le en plusieurs fichiers.");
            var row = Convert();
            FlushRowErrors();
            onRow(row);
        }
        return rows;
    }

    private bool IsBlank()
    {
        foreach (var cell in _slots)
        {
            if (cell.Generation != _generation) continue;
            if (cell.Formula) return false;
            switch (cell.Kind)
            {
                case RawKind.None: break;
                case RawKind.Number or RawKind.Boolean: if (cell.Length > 0) return false; break;
                default: if (!string.IsNullOrWhiteSpace(cell.Text)) return false; break;
            }
        }
        return true;
    }

    private RawCell? Cell(Field field)
    {
        var cell = _slots[(int)field];
        if (cell.Generation != _generation) return null;
        if (cell.Formula) return cell;
        return cell.Kind switch
        {
            RawKind.None => null,
            RawKind.Number or RawKind.Boolean => cell.Length > 0 ? cell : null,
            _ => string.IsNullOrWhiteSpace(cell.Text) ? null : cell,
        };
    }

    private void Error(Field field, string message)
    {
        _failed[(int)field] = true;
        _rowErrors.Add((_layout.Columns[(int)field], new CellError(_sheet, _row, _letters[(int)field] ?? "", HeaderLayout.FieldNames[(int)field], message)));
    }

    /// <summary>Reports the current row's errors from left to right.</summary>
    private void FlushRowErrors()
    {
        if (_rowErrors.Count == 0) return;
        if (_rowErrors.Count > 1) _rowErrors.Sort((a, b) => a.Column.CompareTo(b.Column)); // one error per field: no ties
        foreach (var (_, error) in _rowErrors) Report(error);
        _rowErrors.Clear();
    }

    private void Report(CellError error)
    {
        if (_errors < _limits.MaxErrors)
        {
            _errors++;
            _onError(error);
        }
        else if (!_overflowReported)
        {
            _overflowReported = true;
            _onError(new CellError(_sheet, error.Row, "", "",
                $"Plus de {WorkbookText.Thousands(_limits.MaxErrors)} erreurs : les suivantes ne sont pas listées. Corrigez celles-ci puis renvoyez le fichier."));
        }
    }

    private static string Quote(string value)
    {
        var v = value.Trim();
        return v.Length > 50 ? string.Concat(v.AsSpan(0, 50), "…") : v;
    }

    /// <summary>Common checks: formula, Excel error value, formula injection and length for text. Null when the cell is unusable.</summary>
    private RawCell? Usable(Field field)
    {
        var cell = Cell(field);
        if (cell is null) return null;
        if (cell.Formula) { Error(field, FormulaMessage); return null; }
        if (cell.Kind == RawKind.Error) { Error(field, $"La cellule contient une erreur Excel ({cell.Text})"); return null; }
        if (cell.Kind is RawKind.String or RawKind.SharedString)
        {
            var text = cell.Text!;
            var first = 0;
            while (first < text.Length && text[first] is ' ' or '\u00A0') first++;
            if (first < text.Length && text[first] is '=' or '+' or '-' or '@')
            {
                Error(field, $"Texte refusé : il commence par « {text[first]} »");
                return null;
            }
            if (text.Contains('\t', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
            {
                Error(field, "Texte refusé : il contient une tabulation ou un retour chariot");
                return null;
            }
            if (text.Length > MaxTextLength)
            {
                Error(field, $"Texte trop long ({text.Length} caractères, {MaxTextLength} au maximum)");
                return null;
            }
        }
        return cell;
    }

    private static bool IsText(RawCell cell) => cell.Kind is RawKind.String or RawKind.SharedString;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ImportRow Convert()
    {
        Array.Clear(_failed);
        var lot = ReadLot();
        var participant = ReadText(Field.Participant) is { } p ? Cached(_references, p, CellParsing.ParticipantReference) : null;
        var lastName = ReadText(Field.LastName)?.Trim();
        var firstName = ReadText(Field.FirstName)?.Trim();
        var birthDate = ReadDate(Field.BirthDate);
        var siret = ReadSiret();
        var modality = ReadModality();
        var period = ReadPeriod();
        var hours = ReadDecimal(Field.Hours, "un nombre d'heures");
        var amount = ReadDecimal(Field.Amount, "un montant");
        var evidence = ReadText(Field.Evidence)?.Trim();

        if (hours is { } h)
        {
            var kind = period?.Kind ?? _layout.PeriodKind;
            var (max, text) = kind switch
            {
                ImportPeriod.Week => (48m, "une semaine : au-delà de 48 h, la durée maximale du travail est dépassée"),
                ImportPeriod.Quarter => (624m, "un trimestre : au-delà de 624 h (3 × 208 h), la déclaration est invalide"),
                _ => (208m, "un mois : au-delà de 208 h (48 h × 52 semaines ÷ 12), la déclaration est invalide"),
            };
            if (h < 0) { Error(Field.Hours, "Le nombre d'heures ne peut pas être négatif"); hours = null; }
            else if (h > max) { Error(Field.Hours, $"{h.ToString(CultureInfo.GetCultureInfo("fr-FR"))} heures sur {text}"); hours = null; }
        }
        if (amount < 0) { Error(Field.Amount, "Le montant ne peut pas être négatif"); amount = null; }

        Required(Field.Lot, lot is not null);
        Required(Field.Modality, modality is not null);
        Required(Field.Period, period is not null);
        Required(Field.Hours, hours is not null);
        if (participant is null && !_failed[(int)Field.Participant])
        {
            var identityComplete = lastName is not null && firstName is not null && birthDate is not null;
            var identityFailed = _failed[(int)Field.LastName] || _failed[(int)Field.FirstName] || _failed[(int)Field.BirthDate];
            if (!identityComplete && !identityFailed)
            {
                const string message = "Indiquez la référence du participant, ou ses nom, prénom et date de naissance";
                if (_layout.Has(Field.Participant) && (!_layout.HasIdentity || (lastName is null && firstName is null && birthDate is null)))
                {
                    Error(Field.Participant, message);
                }
                else
                {
                    var reported = false;
                    foreach (var (field, present) in new[] { (Field.LastName, lastName is not null), (Field.FirstName, firstName is not null),
                        (Field.BirthDate, birthDate is not null) })
                    {
                        if (present || !_layout.Has(field)) continue;
                        Error(field, $"Valeur obligatoire : {HeaderLayout.FieldLabels[(int)field]} (ou la référence du participant)");
                        reported = true;
                    }
                    if (!reported)
                    {
                        var field = _layout.Has(Field.Participant) ? Field.Participant
                            : _layout.Has(Field.LastName) ? Field.LastName : _layout.Has(Field.FirstName) ? Field.FirstName : Field.BirthDate;
                        Error(field, message);
                    }
                }
            }
        }
        return new ImportRow(_row, lot, participant, lastName, firstName, birthDate, siret, modality, period, hours, amount, evidence);
    }

    private static TValue Cached<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> compute) where TKey : notnull
    {
        if (cache.TryGetValue(key, out var value)) return value;
        value = compute(key);
        if (cache.Count < CacheLimit) cache[key] = value;
        return value;
    }

    private void Required(Field field, bool present)
    {
        if (!present && !_failed[(int)field]) Error(field, $"Valeur obligatoire : {HeaderLayout.FieldLabels[(int)field]}");
    }

    private string? ReadText(Field field)
    {
        var cell = Usable(field);
        return cell is null ? null : HoursWorkbookReader.CellText(cell);
    }

    private int? ReadLot()
    {
        var cell = Usable(Field.Lot);
        if (cell is null) return null;
        if (cell.Kind == RawKind.Number)
        {
            if (decimal.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n) && n is >= 1 and <= 9999)
                return (int)n;
        }
        else if (IsText(cell))
        {
            // "2", "Lot 2", "n° 2", "2 – Gros œuvre".
            var s = CellParsing.Simplify(cell.Text!);
            var i = 0;
            while (i < s.Length && !char.IsAsciiDigit(s[i])) i++;
            var prefix = WorkbookText.Fold(s[..i]);
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            var rest = s[i..].TrimStart();
            if (prefix is "" or "lot" or "n" or "no" or "lotn" or "lotno" && i > start && i - start <= 4
                && (rest.Length == 0 || rest[0] is '-' or '–' or '—' or ':' or '(')
                && int.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var lot) && lot >= 1)
                return lot;
        }
        Error(Field.Lot, $"« {Quote(HoursWorkbookReader.CellText(cell))} » n'est pas un numéro de lot (nombre entier attendu)");
        return null;
    }

    private string? ReadSiret()
    {
        var cell = Usable(Field.Siret);
        if (cell is null) return null;
        string? siret = null;
        if (cell.Kind == RawKind.Number)
        {
            if (decimal.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n)
                && n is >= 10_000_000_000 and < 100_000_000_000_000)
                siret = n.ToString("00000000000000", CultureInfo.InvariantCulture); // leading zeros are lost in number cells
        }
        else if (IsText(cell))
        {
            siret = CellParsing.ParseSiret(cell.Text!);
        }
        if (siret is null) Error(Field.Siret, $"« {Quote(HoursWorkbookReader.CellText(cell))} » n'est pas un SIRET (14 chiffres attendus)");
        return siret;
    }

    private string? ReadModality()
    {
        var cell = Usable(Field.Modality);
        if (cell is null) return null;
        var text = HoursWorkbookReader.CellText(cell);
        var code = Cached(_modalityTexts, text, _modalityOf);
        if (code is not null) return code;
        Error(Field.Modality, $"« {Quote(text)} » n'est pas une modalité reconnue (valeurs possibles : {_modalityChoices})");
        return null;
    }

    private bool IsDateStyle(RawCell cell) => cell.Style >= 0 && cell.Style < _dateStyles.Length && _dateStyles[cell.Style];

    private DateOnly? ReadDate(Field field)
    {
        var cell = Usable(field);
        if (cell is null) return null;
        DateOnly? date = null;
        if (cell.Kind == RawKind.Number)
        {
            if (double.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)) date = CellParsing.FromSerial(serial, _date1904);
        }
        else if (IsText(cell) || cell.Kind == RawKind.IsoDate)
        {
            date = CellParsing.ParseDate(cell.Text!);
        }
        if (date is null) Error(field, $"« {Quote(HoursWorkbookReader.CellText(cell))} » n'est pas une date (jj/mm/aaaa attendu)");
        return date;
    }

    private ImportPeriod? ReadPeriod()
    {
        var cell = Usable(Field.Period);
        if (cell is null) return null;
        ImportPeriod? period = null;
        if (cell.Kind == RawKind.Number)
        {
            if (double.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                if (!IsDateStyle(cell) && number is >= 190_001 and <= 220_012 && number == Math.Floor(number) && (int)number % 100 is >= 1 and <= 12)
                    period = new ImportPeriod(new DateOnly((int)number / 100, (int)number % 100, 1), ImportPeriod.Month); // 202503
                else if (IsDateStyle(cell) || number is >= 36_526 and < 73_051) // a date, or a serial pasted as a plain number (2000–2099)
                    period = Cached(_serialPeriods, number, _periodOfSerial);
            }
        }
        else if (IsText(cell) || cell.Kind == RawKind.IsoDate)
        {
            period = CellParsing.ParsePeriod(cell.Text!, _layout.PeriodKind);
        }
        if (period is null)
            Error(Field.Period,
                $"« {Quote(HoursWorkbookReader.CellText(cell))} » n'est pas une période reconnue (exemples : 03/2025, mars 2025, 2025-W10, T1 2025)");
        return period;
    }

    private decimal? ReadDecimal(Field field, string what)
    {
        var cell = Usable(field);
        if (cell is null) return null;
        if (cell.Kind == RawKind.Number)
        {
            // Number cells carry binary floating point digits ("0.30000000000000004"): keep 8 decimals.
            if (decimal.TryParse(cell.Span, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return Math.Round(n, 8);
        }
        else if (IsText(cell))
        {
            var text = cell.Text!.AsSpan().Trim();
            if (field == Field.Amount) text = text.TrimEnd('€').TrimEnd();
            if (CellParsing.TryParseFrenchDecimal(text, out var n)) return n;
        }
        Error(field, $"« {Quote(HoursWorkbookReader.CellText(cell))} » n'est pas {what}");
        return null;
    }
}
