using System.Net;
using System.Text.Json;

namespace Clauses.Api.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 7807 answer with the status, a French title and detail, and returns its JSON.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:clauses:problem:", json.GetProperty("type").GetString());
        var title = json.GetProperty("title").GetString()!;
        Assert.DoesNotContain("Bad Request", title, StringComparison.Ordinal);
        Assert.DoesNotContain("Not Found", title, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()), "problem has no detail");
        return json;
    }

    public static string[] FieldErrors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
