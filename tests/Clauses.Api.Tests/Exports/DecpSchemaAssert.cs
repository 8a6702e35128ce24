using System.Text.Json;
using Clauses.Api.Exports;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Clauses.Api.Tests.Exports;

/// <summary>
/// Checks DECP documents in the test itself, independently of the API's validator: against the official schema
/// from shared/reference/decp when present, else the copy the API embeds.
/// </summary>
public static class DecpSchemaAssert
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() => JsonSchema.FromJsonAsync(SchemaText()));

    public static string? SharedSchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "decp", "schema_decp_v2.0.3.json");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    public static string SchemaText() => SharedSchemaPath() is { } path ? File.ReadAllText(path) : DecpValidator.SchemaText();

    public static async Task<IReadOnlyList<string>> ErrorsAsync(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        var errors = (await Schema.Value).Validate(JToken.ReadFrom(reader));
        return [.. errors.Select(e => $"{e.Path}: {e.Kind}")];
    }

    public static async Task IsValidAsync(string json)
    {
        var errors = await ErrorsAsync(json);
        Assert.True(errors.Count == 0, "DECP document invalid against the official schema:\n" + string.Join('\n', errors));
    }

    /// <summary>Every marché and concession has a non-empty, duplicate-free considerationSociale in which
    /// "Pas de considération sociale" never stands beside another value. Returns every array seen.</summary>
    public static List<string[]> ConsiderationsAreExclusive(JsonElement document)
    {
        var seen = new List<string[]>();
        var marches = document.GetProperty("marches");
        foreach (var section in new[] { "marche", "contrat-concession" })
        {
            if (!marches.TryGetProperty(section, out var items)) continue;
            foreach (var item in items.EnumerateArray())
            {
                var values = item.GetProperty("considerationsSociales").GetProperty("considerationSociale")
                    .EnumerateArray().Select(v => v.GetString()!).ToArray();
                Assert.NotEmpty(values);
                Assert.Equal(values.Length, values.Distinct(StringComparer.Ordinal).Count());
                if (values.Contains("Pas de considération sociale")) Assert.Single(values);
                seen.Add(values);
            }
        }

        return seen;
    }
}
