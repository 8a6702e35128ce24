using Clauses.Api.Auth;
using Clauses.Api.Clauses;
using Clauses.Api.Contracts;
using Clauses.Api.Data;
using Clauses.Api.Exports;
using Clauses.Api.Hours;
using Clauses.Api.Infrastructure;
using Clauses.Api.Integrations.MarcheInclusion;
using Clauses.Api.Jobs;
using Clauses.Api.Organisations;
using Clauses.Api.Outbox;
using Clauses.Api.Participants;
using Clauses.Api.Reference;
using Clauses.Api.Relevance;
using Clauses.Api.Siae;
using Clauses.Api.Sizing;
using Clauses.Api.Spar;
using Clauses.Api.Tenders;
using Clauses.Api.Wordings;

var builder = WebApplication.CreateBuilder(Hosting.WithoutConfigReload(args));

builder.AddLogging();
builder.AddDatabase();
builder.AddAuth();
builder.AddJson();
builder.AddProblems();
builder.AddRateLimits();
builder.AddApiDocs();
builder.AddHealth();
builder.AddBackgroundWork();
builder.AddMarcheInclusion();
builder.AddOutbox();
builder.AddPages();

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
app.MapPages();
app.MapEntraSignIn();

var api = app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(RateLimits.PerUser);
api.MapMe();
api.MapOrganisations();
api.MapContracts();
api.MapLots();
api.MapReference();
api.MapRelevance();
api.MapSizing();
api.MapLabourShares();
api.MapWordings();
api.MapClauses();
api.MapParticipants();
api.MapParticipantHistory();
api.MapPersonalData();
api.MapHours();
api.MapWorkbooks();
api.MapImports();
api.MapJobs();
api.MapFulfilment();
api.MapTenders();
api.MapPartnerships();
api.MapSiae();
api.MapOutbox();
api.MapDecp();
api.MapSparTargets();
api.MapSparDashboard();

await app.PrepareDatabaseAsync();
app.ReleaseStartupMemory();
app.Run();

public partial class Program;
