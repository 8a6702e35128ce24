using System.Collections.ObjectModel;
using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// The national library of wordings shipped with Clauses (organisation versions live in the database). Every version
/// is kept: a document records the (code, version) it was drafted with and must stay readable.
/// </summary>
public static class WordingLibrary
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        [Instrument.ClauseExecution] = ExecutionWordings.Code,
        [Instrument.CritereAttribution] = AwardCriterionWordings.Code,
        [Instrument.ReserveL2113_12] = "lot_reserve_l2113_12",
        [Instrument.ReserveL2113_13] = "lot_reserve_l2113_13",
        [Instrument.ReserveL2113_13_1] = "lot_reserve_l2113_13_1",
        [Instrument.ReserveL2113_15] = "lot_reserve_l2113_15",
        [Instrument.MarcheInsertion] = InsertionContractWordings.Code,
        [Instrument.ClauseAlternative] = AlternativeClauseWordings.Code,
    };

    /// <summary>Every version of every national wording, grouped by family, oldest version first.</summary>
    public static IReadOnlyList<Wording> National { get; } = new ReadOnlyCollection<Wording>(
    [
        .. ExecutionWordings.All,
        .. AwardCriterionWordings.All,
        .. ReservedLotWordings.All,
        .. InsertionContractWordings.All,
        .. AlternativeClauseWordings.All,
    ]);

    /// <summary>The highest version of <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">No national wording has this code.</exception>
    public static Wording Latest(string code) =>
        National.Where(w => w.Code == code).MaxBy(w => w.Version)
        ?? throw new KeyNotFoundException($"Aucun libellé national n'a le code « {code} ».");

    /// <summary>The given version of <paramref name="code"/>, or null.</summary>
    public static Wording? Find(string code, int version) =>
        National.FirstOrDefault(w => w.Code == code && w.Version == version);

    /// <summary>The code of the wording proposed by default for an instrument code of <see cref="Instrument"/>.</summary>
    /// <exception cref="ArgumentException">The instrument code is unknown.</exception>
    public static string DefaultCodeFor(string instrument) =>
        instrument is not null && Defaults.TryGetValue(instrument, out var code)
            ? code
            : throw new ArgumentException(
                $"Instrument inconnu : « {instrument} ». Valeurs admises : {Instrument.Terms.CodesText}.", nameof(instrument));
}
