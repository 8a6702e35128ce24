using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Clauses.Api.Infrastructure;

public static class Json
{
    /// <summary>French text leaves as UTF-8 ("Métropole"), not as \u00e9 escapes; HTML-sensitive characters stay escaped.</summary>
    public static WebApplicationBuilder AddJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        return builder;
    }
}
