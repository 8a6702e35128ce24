namespace Clauses.Api.Spar;

/// <summary>What the SPAR dashboard shows for one organisation and year: the page, the API and the exports all render this.</summary>
public sealed record SparDashboard(
    Guid OrganisationId,
    string OrganisationName,
    int Year,
    DateOnly AsOf,
    IReadOnlyList<SparKpi> Kpis,
    IReadOnlyList<SparMonth> Months,
    IReadOnlyList<SparSlice> HoursByInstrument,
    IReadOnlyList<SparSlice> HoursByModality,
    IReadOnlyList<SparSlice> HoursBySector,
    IReadOnlyList<SparSlice> HoursByContractor,
    IReadOnlyList<SparSlice> HoursBySiae,
    IReadOnlyList<SparSlice> HoursByTerritory,
    IReadOnlyList<SparSlice> PeopleByPublic,
    IReadOnlyList<SparSlice> PeopleByProfile,
    IReadOnlyList<SparContractRow> Contracts,
    IReadOnlyList<SparClauseRow> Clauses);

/// <summary>One tile: the indicator's value in its unit (null when masked or without a base), its French display, and the
/// director's target for the year with the share of it reached.</summary>
public sealed record SparKpi(
    string Code,
    string Label,
    string Definition,
    string Base,
    string Unit,
    decimal? Value,
    string Display,
    string? Detail,
    decimal? Target,
    string? TargetDisplay,
    decimal? Progress);

/// <summary>Hours of one month, cumulated over the year, against the yearly hours target spread evenly over the months.</summary>
public sealed record SparMonth(DateOnly Month, string Label, decimal Hours, decimal CumulativeHours, decimal? CumulativeTarget);

/// <summary>One bar of a breakdown: hours, or a count of people (masked below 5).</summary>
public sealed record SparSlice(string Code, string Label, decimal Value, string Display);

/// <summary>Drill-down: a contract with hours in the year or notified in it.</summary>
public sealed record SparContractRow(
    Guid Id,
    string Reference,
    string Title,
    string Category,
    decimal AmountHt,
    DateOnly? NotifiedOn,
    decimal HoursInYear,
    IReadOnlyList<string> Instruments,
    bool Reserved,
    bool SocialConsideration,
    bool Analysed);

/// <summary>Per-clause burn-down: hours required over the execution period, done so far (all years), expected by now.</summary>
public sealed record SparClauseRow(
    Guid ClauseId,
    Guid ContractId,
    string ContractReference,
    string ContractTitle,
    int LotNumber,
    string Instrument,
    string InstrumentLabel,
    decimal TargetHours,
    decimal DoneHours,
    decimal HoursStillDue,
    decimal Rate,
    decimal? Penalty,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal ExpectedHours,
    string Status,
    string StatusLabel);
