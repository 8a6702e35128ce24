using System.Collections.ObjectModel;
using Clauses.Core.Clauses;
using Clauses.Core.Contracts;

namespace Clauses.Core.Decp;

/// <summary>
/// The DECP 2024 values of <c>considerationsSociales.considerationSociale</c>, spelled exactly as the official
/// schema (139bercy/format-commande-publique, schema_decp_v2.0.3.json) spells them, and the mapping from
/// Clauses instruments to them (legal-rules R28–R29, DOMAIN §2).
/// </summary>
public static class ConsiderationsSociales
{
    // schema_decp_v2.0.3.json: definitions/marche/definitions/considerationSocialeArray and
    // definitions/contrat-concession/definitions/considerationSocialeArray.
    public const string ClauseSociale = "Clause sociale";
    public const string CritereSocial = "Critère social";
    public const string MarcheReserve = "Marché réservé";
    public const string ConcessionReservee = "Concession réservée";
    public const string PasDeConsiderationSociale = "Pas de considération sociale";

    /// <summary>The enum of a marché, in the schema's order.</summary>
    public static IReadOnlyList<string> MarcheValues { get; } =
        new ReadOnlyCollection<string>([ClauseSociale, CritereSocial, MarcheReserve, PasDeConsiderationSociale]);

    /// <summary>The enum of a contrat de concession, in the schema's order.</summary>
    public static IReadOnlyList<string> ConcessionValues { get; } =
        new ReadOnlyCollection<string>([ClauseSociale, CritereSocial, ConcessionReservee, PasDeConsiderationSociale]);

    /// <summary>True for the kinds the DECP covers: marchés and accords-cadres (section "marche") and
    /// concessions (section "contrat-concession"). Subsidies are not public procurement: no DECP.</summary>
    public static bool IsPublished(string contractKind) =>
        contractKind is ContractKind.Marche or ContractKind.AccordCadre or ContractKind.Concession;

    /// <summary>
    /// The DECP value of one instrument for a contract of <paramref name="contractKind"/> (R29):
    /// execution clause, marché d'insertion and alternative clause → "Clause sociale"; award criterion →
    /// "Critère social"; any reservation (L2113-12, -13, -13-1, -15; L3113-x for concessions) →
    /// "Marché réservé", or "Concession réservée" for a concession.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown instrument, or a kind the DECP does not cover.</exception>
    public static string For(string instrument, string contractKind)
    {
        var concession = IsConcession(contractKind);
        return instrument switch
        {
            Instrument.ClauseExecution or Instrument.MarcheInsertion or Instrument.ClauseAlternative => ClauseSociale,
            Instrument.CritereAttribution => CritereSocial,
            Instrument.ReserveL2113_12 or Instrument.ReserveL2113_13 or Instrument.ReserveL2113_13_1 or Instrument.ReserveL2113_15 =>
                concession ? ConcessionReservee : MarcheReserve,
            _ => throw new ArgumentException($"Unknown instrument '{instrument}'.", nameof(instrument)),
        };
    }

    /// <summary>
    /// The <c>considerationSociale</c> array of a contract from the union of its lots' instruments (relevance
    /// analyses and clauses): never empty, no duplicate, in the schema's order. With no instrument at all it is
    /// exactly ["Pas de considération sociale"], a value that never appears beside another one (our rule R29:
    /// the schema itself does not forbid the mix).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown instrument, or a kind the DECP does not cover.</exception>
    public static IReadOnlyList<string> From(IEnumerable<string> instruments, string contractKind)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var order = IsConcession(contractKind) ? ConcessionValues : MarcheValues;
        var found = instruments.Select(i => For(i, contractKind)).ToHashSet(StringComparer.Ordinal);
        if (found.Count == 0)
        {
            return new ReadOnlyCollection<string>([PasDeConsiderationSociale]);
        }

        return new ReadOnlyCollection<string>([.. order.Where(found.Contains)]);
    }

    /// <summary>R28: true when the values count as a social consideration (anything but "Pas de considération sociale").</summary>
    public static bool HasConsideration(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Any(v => v is ClauseSociale or CritereSocial or MarcheReserve or ConcessionReservee);
    }

    private static bool IsConcession(string contractKind) => contractKind switch
    {
        ContractKind.Concession => true,
        ContractKind.Marche or ContractKind.AccordCadre => false,
        _ => throw new ArgumentException(
            $"Contract kind '{contractKind}' is not published in the DECP (only marchés, accords-cadres and concessions are).",
            nameof(contractKind)),
    };
}
