using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clauses.Core.Wordings;

namespace Clauses.Api.Clauses;

/// <summary>
/// Turns a stored clause into its French text, and names that text with the tag of its Word content
/// control: "clauses:{clauseId}:v{version}:{hash}". The hash covers the rendered text, so a change of
/// amount, lot title or wording version marks the copy in a document as outdated.
/// </summary>
public static class ClauseRendering
{
    public const string TagPrefix = "clauses:";

    public sealed record Rendered(ClauseRow Clause, RenderedWording Wording, string Tag, string ControlTitle);

    public static Rendered Render(ClauseRow c)
    {
        var wording = new Wording(c.WordingCode!, c.Instrument, c.WordingVersion!.Value, c.WordingTitle!, c.WordingLegalBasis!, c.WordingBody!);
        var facts = new ClauseFacts(c.BuyerName, c.ContractReference, c.ContractTitle, c.LotNumber, c.LotTitle,
            c.AmountHt, c.TargetHours, c.InsertionRate, c.SizingMode, c.EligibleCriteria, c.AllowedModalities,
            c.FacilitatorContact, c.PenaltyPerHour, c.PenaltyCap, c.ReportingFrequency, c.AwardWeight, c.Preset);
        var rendered = WordingTemplate.Render(wording, ClauseValues.From(facts));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rendered.Title + "\n" + rendered.PlainText)))[..8];
        var tag = string.Create(CultureInfo.InvariantCulture, $"{TagPrefix}{c.Id}:v{c.Version}:{hash}");
        return new Rendered(c, rendered, tag, string.Create(CultureInfo.InvariantCulture, $"Clause sociale – lot {c.LotNumber}"));
    }

    public sealed record ParsedTag(Guid ClauseId, int Version);

    /// <summary>Reads a tag written by <see cref="Render"/>; null for anything else.</summary>
    public static ParsedTag? Parse(string? tag)
    {
        if (tag is null || !tag.StartsWith(TagPrefix, StringComparison.Ordinal)) return null;
        var parts = tag[TagPrefix.Length..].Split(':');
        return parts.Length == 3 && Guid.TryParse(parts[0], out var id) && parts[1].StartsWith('v')
               && int.TryParse(parts[1][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new ParsedTag(id, version)
            : null;
    }
}
