namespace Clauses.Api.Clauses;

/// <summary>Compares the tags found in a Word document with the clauses of its contract.</summary>
public static class DocumentCheck
{
    public static DocumentCheckResponse Compare(IEnumerable<string> documentTags, IReadOnlyDictionary<Guid, ClauseRendering.Rendered> current)
    {
        var upToDate = new List<CheckedClause>();
        var outdated = new List<OutdatedClause>();
        var unknown = new List<string>();
        var seen = new HashSet<Guid>();
        foreach (var tag in documentTags.Distinct(StringComparer.Ordinal))
        {
            if (ClauseRendering.Parse(tag) is not { } parsed || !current.TryGetValue(parsed.ClauseId, out var now))
            {
                unknown.Add(tag);
                continue;
            }
            seen.Add(parsed.ClauseId);
            if (tag == now.Tag)
                upToDate.Add(new CheckedClause(tag, now.Clause.Id, now.Clause.LotNumber, now.Clause.Instrument));
            else
                outdated.Add(new OutdatedClause(tag, now.Tag, now.Clause.Id, now.Clause.LotNumber, now.Clause.Instrument, parsed.Version, now.Clause.Version));
        }
        var missing = current.Values.Where(r => !seen.Contains(r.Clause.Id))
            .OrderBy(r => r.Clause.LotNumber)
            .Select(r => new MissingClause(r.Clause.Id, r.Clause.LotNumber, r.Clause.Instrument, r.Tag))
            .ToList();
        return new DocumentCheckResponse(upToDate, outdated, unknown, missing);
    }
}
