using Clauses.Api.Auth;
using Clauses.Api.Contracts;
using Clauses.Api.Data;
using Clauses.Api.Infrastructure;
using Clauses.Api.Organisations;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.AddDatabase();
builder.AddAuth();
builder.AddJson();
builder.AddProblems();
builder.AddRateLimits();
builder.AddApiDocs();
builder.AddHealth();

var app = builder.Build();

if (await app.RunCommandAsync(args)) return;

app.UseProblems();
app.UseRequestLogging();
app.UseDefaultFiles();
app.UseStaticFiles();                      // task panes (/addin/) and pages: open, Office loads them unsigned
app.UseApiDocsUi();
app.UseAuthentication();
app.UseCurrentUser();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealth();
app.MapApiDocs();
app.MapDevTokens();

var api = app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser);
api.MapMe();
api.MapOrganisations();
api.MapContracts();
api.MapLots();

await app.PrepareDatabaseAsync();
app.Run();

public partial class Program;
