using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Clauses.Api.Exports;

/// <summary>One schema violation: where (JSON path) and what, in French.</summary>
public sealed record DecpSchemaError(string Chemin, string Message);

/// <summary>
/// Validates a DECP document against the official schema (schema_decp_v2.0.3.json, 139bercy/format-commande-publique)
/// embedded in this assembly, so the API validates without the shared reference folder.
/// </summary>
public static class DecpValidator
{
    public const string ResourceName = "Exports.schema_decp_v2.0.3.json";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(LoadAsync);

    /// <summary>The embedded schema's text.</summary>
    public static string SchemaText()
    {
        using var stream = typeof(DecpValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Task<JsonSchema> LoadAsync() => JsonSchema.FromJsonAsync(SchemaText());

    /// <summary>The violations of <paramref name="json"/>, empty when the document is valid.</summary>
    public static async Task<IReadOnlyList<DecpSchemaError>> ValidateAsync(string json)
    {
        var schema = await Schema.Value;
        // Dates must stay strings: Json.NET would otherwise turn "2025-03-14" into a DateTime token and the
        // schema's date pattern would be checked against its re-formatted text.
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var token = JToken.ReadFrom(reader);
        var errors = new List<DecpSchemaError>();
        Flatten(schema.Validate(token), errors);
        return errors;
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<DecpSchemaError> into)
    {
        foreach (var error in errors)
        {
            into.Add(new DecpSchemaError(error.Path ?? "#", Message(error)));
            if (error is ChildSchemaValidationError child)
                foreach (var nested in child.Errors.Values)
                    Flatten(nested, into);
            else if (error is MultiTypeValidationError multi)
                foreach (var nested in multi.Errors.Values)
                    Flatten(nested, into);
        }
    }

    private static string Message(ValidationError error)
    {
        var property = string.IsNullOrEmpty(error.Property) ? "" : $" « {error.Property} »";
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"Champ obligatoire{property} manquant.",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"Champ{property} non prévu par le schéma.",
            ValidationErrorKind.NotInEnumeration => $"Valeur{property} hors de la liste autorisée par le schéma.",
            ValidationErrorKind.PatternMismatch => $"Format{property} invalide.",
            ValidationErrorKind.StringTooLong => $"Texte{property} trop long.",
            ValidationErrorKind.StringTooShort => $"Texte{property} trop court ou vide.",
            ValidationErrorKind.NumberTooSmall => $"Nombre{property} inférieur au minimum autorisé.",
            ValidationErrorKind.NumberTooBig => $"Nombre{property} supérieur au maximum autorisé.",
            ValidationErrorKind.TooFewItems => $"Liste{property} vide ou trop courte.",
            ValidationErrorKind.TooManyItems => $"Liste{property} trop longue.",
            ValidationErrorKind.ItemsNotUnique => $"Liste{property} avec des éléments en double.",
            ValidationErrorKind.NotAnyOf => $"Élément{property} ne correspondant à aucune des formes autorisées.",
            ValidationErrorKind.NotOneOf => $"Élément{property} ne correspondant pas à exactement une forme autorisée.",
            ValidationErrorKind.StringExpected => $"Texte attendu{property}.",
            ValidationErrorKind.IntegerExpected => $"Nombre entier attendu{property}.",
            ValidationErrorKind.NumberExpected => $"Nombre attendu{property}.",
            ValidationErrorKind.BooleanExpected => $"Booléen (true/false) attendu{property}.",
            ValidationErrorKind.ObjectExpected => $"Objet attendu{property}.",
            ValidationErrorKind.ArrayExpected => $"Liste attendue{property}.",
            _ => $"Valeur{property} non conforme au schéma ({error.Kind}).",
        };
    }
}
