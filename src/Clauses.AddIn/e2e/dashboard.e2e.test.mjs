// End-to-end: the directors' SPAR dashboard page (/tableau-de-bord) in headless Chromium, against the real product
// on the demo data (the stand-in API has no pages). The demo director (julien.martin@metropole-demo.fr) signs in on
// /connexion; each indicator tile must show the same string as GET /api/spar/dashboard for him and the year; the
// charts (Chart.js bundled with the page's script) must be drawn, with no request leaving the product (no CDN); the
// contract drill-down and the .xlsx export must work. The demo facilitator (sophie.bernard@plie-demo.fr) must find her
// three organisations in the selector. Screenshot: e2e/screenshots/dashboard.png.
//   CLAUSES_E2E_URL        the product (default http://127.0.0.1:5080, as ./scripts/run.sh serves it, in Development)
//   CLAUSES_E2E_CHROMIUM   (see harness.mjs)
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { apiAs, e2eSetup, openPage, shot } from "./harness.mjs";

const director = "julien.martin@metropole-demo.fr";
const facilitator = "sophie.bernard@plie-demo.fr";
const viewport = { width: 1280, height: 900 };
// The demo data are anchored on the current month: this year has hours.
const year = new Date().getFullYear();

const state = e2eSetup();
// The real product only: set before the harness's before() hook runs, so it starts no stand-in.
state.baseUrl ||= "http://127.0.0.1:5080";

before(async () => {
  const health = await fetch(`${state.baseUrl}/healthz`).catch((error) => error);
  assert.ok(health instanceof Response && health.ok,
    `Clauses ne répond pas sur ${state.baseUrl} (${health?.message ?? health?.status}) : lancez ./scripts/run.sh ou indiquez CLAUSES_E2E_URL.`);
});

/** Signs in on /connexion (the page the app redirected to) with the demo user's button. */
async function signInOnPage(page, email) {
  await page.waitForURL(/\/connexion/);
  await page.locator("button.user-button", { hasText: email }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/** Opens `path` signed in as `email`, recording every URL the page requests. */
async function openSignedIn(path, email) {
  const opened = await openPage(state, path, { viewport });
  const requests = [];
  opened.context.on("request", (request) => requests.push(request.url()));
  await signInOnPage(opened.page, email);
  return { ...opened, requests };
}

/** Painted pixels of a canvas (alpha ≠ 0): a drawn chart has thousands. */
function paintedPixels(canvas) {
  const { width, height } = canvas;
  if (width === 0 || height === 0) return 0;
  const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
  return painted;
}

test("SPAR dashboard: each tile shows the API's figure, charts are drawn from local files, drill-down and export work", async () => {
  const get = await apiAs(state, director);
  const dashboard = await get(`/api/spar/dashboard?year=${year}`);
  assert.ok(dashboard.kpis.length > 0);

  const { page, context, consoleErrors, requests } = await openSignedIn(`/tableau-de-bord?annee=${year}`, director);
  try {
    assert.equal(new URL(page.url()).pathname, "/tableau-de-bord");
    await page.getByRole("heading", { level: 1, name: "Tableau de bord SPAR" }).waitFor();

    // Every tile, the same string as the JSON (French display with its no-break spaces).
    const tiles = await page.locator("[data-kpi]").evaluateAll((els) => els.map((e) => [e.dataset.kpi, e.textContent.trim()]));
    assert.deepEqual(tiles, dashboard.kpis.map((k) => [k.code, k.display]));
    assert.ok(dashboard.kpis[0].value > 0, `aucune heure en ${year} dans les données de démonstration`);

    // Charts drawn into their canvases, the monthly one and each breakdown with data.
    await page.locator('[data-chart="months"][data-chart-ready="true"]').waitFor();
    const charts = await page.locator("[data-chart-ready] canvas").evaluateAll((canvases, source) => {
      const count = new Function(`return (${source})`)();
      return canvases.map((c) => ({ chart: c.parentElement.dataset.chart, width: c.width, painted: count(c) }));
    }, paintedPixels.toString());
    assert.ok(charts.length >= 4, `graphiques dessinés : ${charts.map((c) => c.chart).join(", ")}`);
    for (const c of charts) {
      assert.ok(c.width > 0, `${c.chart} : canevas vide`);
      assert.ok(c.painted > 1000, `${c.chart} : ${c.painted} pixels peints`);
    }
    // The tables stay under the charts (the page without JavaScript).
    assert.equal(await page.locator("#mois ~ .table-wrap tbody tr").count(), 12);

    // Nothing but the product itself: no CDN, no outside font.
    const origin = new URL(state.baseUrl).origin;
    const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"));
    assert.deepEqual(foreign, []);
    assert.ok(requests.some((url) => url.includes("/addin/dashboard/dashboard.js")), "le script des graphiques n'a pas été chargé");

    await shot(page, "dashboard");

    // The .xlsx export of what is shown, with the page's cookie.
    const href = await page.getByRole("link", { name: "Classeur Excel (.xlsx)" }).getAttribute("href");
    const xlsx = await context.request.get(`${state.baseUrl}${href}`);
    assert.equal(xlsx.status(), 200);
    assert.equal(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), "PK");

    // Drill-down: a contract with clauses, its page lists them.
    const contract = dashboard.contracts.find((c) => dashboard.clauses.some((k) => k.contractId === c.id));
    assert.ok(contract, "aucun marché avec une clause horaire");
    await page.locator(`section[aria-labelledby="marches"] a[href^="/tableau-de-bord/marche/${contract.id}"]`).click();
    await page.getByRole("heading", { level: 1, name: `${contract.reference} — ${contract.title}` }).waitFor();
    assert.equal(await page.locator("#marche-clauses ~ .table-wrap tbody tr").count(),
      dashboard.clauses.filter((k) => k.contractId === contract.id).length);
    await shot(page, "dashboard-marche");
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test("SPAR dashboard: a facilitator chooses among the organisations she serves", async () => {
  const get = await apiAs(state, facilitator);
  const organisations = await get("/api/spar/organisations");
  assert.equal(organisations.length, 3);

  const { page, context, consoleErrors } = await openSignedIn(`/tableau-de-bord?annee=${year}`, facilitator);
  try {
    const options = await page.locator("#organisation option").evaluateAll((els) => els.map((o) => [o.value, o.textContent.trim()]));
    assert.deepEqual(options, organisations.map((o) => [o.id, o.name]));

    // Choosing another organisation reloads the page for it.
    const last = organisations[organisations.length - 1];
    await page.locator("#organisation").selectOption(last.id);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL((url) => url.searchParams.get("organisation") === last.id);
    assert.match(await page.locator(".lead").innerText(), new RegExp(last.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const dashboard = await get(`/api/spar/dashboard?organisationId=${last.id}&year=${year}`);
    const tiles = await page.locator("[data-kpi]").evaluateAll((els) => els.map((e) => [e.dataset.kpi, e.textContent.trim()]));
    assert.deepEqual(tiles, dashboard.kpis.map((k) => [k.code, k.display]));
    await shot(page, "dashboard-facilitatrice");
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
