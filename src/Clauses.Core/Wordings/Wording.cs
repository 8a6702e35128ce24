namespace Clauses.Core.Wordings;

/// <summary>
/// One version of a French clause text (CCAP or RC wording) for an instrument. <paramref name="Body"/> is a template
/// in the syntax of <see cref="WordingTemplate"/>. Versions of a code are never edited once published: a change is a
/// new version, and documents keep the (code, version) they were drafted with.
/// </summary>
/// <param name="Code">Stable code, matching the database CHECK <c>^[a-z0-9_]{1,60}$</c>.</param>
/// <param name="Instrument">An instrument code of <see cref="Clauses.Instrument"/>.</param>
/// <param name="Version">1, 2, … within the code.</param>
/// <param name="Title">French title shown in the library (at most 200 characters).</param>
/// <param name="LegalBasis">The articles the text relies on, in French.</param>
/// <param name="Body">The template (at most 20 000 characters).</param>
public sealed record Wording(string Code, string Instrument, int Version, string Title, string LegalBasis, string Body);
