import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient, type Me } from "../src/shared/api.js";
import { Auth } from "../src/shared/auth.js";
import { Home, ORGANISATION_KEY, renderContracts, renderMemberships } from "../src/shared/home.js";
import type { OfficeInfo } from "../src/shared/office.js";
import { fakeFetch, json, plainSpaces, problem } from "./helpers.js";

const ME: Me = {
  id: "u1",
  displayName: "Alice Martin",
  email: "alice@ville.fr",
  platformAdmin: false,
  memberships: [
    { organisationId: "org-ville", organisationName: "Ville de Lyon", organisationKind: "acheteur_public", roles: ["acheteur", "admin"] },
    { organisationId: "org-mif", organisationName: "Maison de l'emploi", organisationKind: "facilitateur", roles: ["facilitateur", "directeur"] },
    { organisationId: "org-siae", organisationName: "Régie de quartier", organisationKind: "siae", roles: ["siae"] },
  ],
};

const CONTRACTS: Record<string, unknown> = {
  "org-ville": {
    items: [
      { id: "c1", organisationId: "org-ville", reference: "2025-TRV-001", title: "Rénovation du gymnase", kind: "travaux", category: "btp", status: "actif", amountHt: 1234567.5 },
      { id: "c2", organisationId: "org-ville", reference: "2025-SRV-014", title: "Nettoyage des écoles", kind: "services", category: "proprete", status: "actif", amountHt: 98000 },
    ],
    page: 1,
    pageSize: 50,
    total: 2,
  },
  "org-mif": { items: [], page: 1, pageSize: 50, total: 0 },
};

const OUTSIDE: OfficeInfo = { host: "none", hostName: "Word (hors Office)", platform: null };

function mount(routes: Parameters<typeof fakeFetch>[0] = {}, options: { showContracts?: boolean } = {}) {
  const { fetch, requests } = fakeFetch({
    "GET /dev/users": () => json([
      { email: "alice@ville.fr", displayName: "Alice Martin", roles: "acheteur, admin" },
      { email: "fabien@mif.fr", displayName: "Fabien Roux", roles: "facilitateur" },
    ]),
    "POST /dev/token": () => json({ accessToken: "dev-token", expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
    "GET /api/me": () => json(ME),
    "GET /api/contracts": (request) => {
      const page = CONTRACTS[request.url.searchParams.get("organisationId") ?? ""];
      return page ? json(page) : problem(403, { title: "Accès refusé", detail: "Vous n'êtes pas membre de cette organisation." });
    },
    ...routes,
  });
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  let auth: Auth | null = null;
  const api = new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => auth?.token() ?? null });
  auth = new Auth(api);
  const home = new Home({ root, api, auth, office: OUTSIDE, showContracts: options.showContracts ?? true });
  return { root, home, requests, auth };
}

const text = (element: Element | null | undefined) => plainSpaces(element?.textContent).replace(/\s+/g, " ").trim();
const alertText = (root: HTMLElement) => text(root.querySelector('[role="alert"]'));

beforeEach(() => {
  window.sessionStorage.clear();
});

afterEach(() => {
  document.body.replaceChildren();
});

describe("rendering", () => {
  it("shows each organisation with its roles in French", () => {
    const list = renderMemberships(ME.memberships);
    const rows = [...list.querySelectorAll("li")].map((li) => [text(li.querySelector(".organisation-name")), text(li.querySelector(".roles"))]);
    expect(rows).toEqual([
      ["Ville de Lyon", "Acheteur, Administrateur"],
      ["Maison de l'emploi", "Facilitateur, Directeur"],
      ["Régie de quartier", "SIAE"],
    ]);
  });

  it("says so when the user belongs to no organisation", () => {
    expect(text(renderMemberships([]))).toContain("Vous n'êtes rattaché à aucune organisation");
  });

  it("lists contracts as 'reference — title' with the amount in euros, fr-FR", () => {
    const list = renderContracts(CONTRACTS["org-ville"] as Parameters<typeof renderContracts>[0]);
    const items = [...list.querySelectorAll("li")].map((li) => [text(li.querySelector(".contract-title")), text(li.querySelector(".amount"))]);
    expect(items).toEqual([
      ["2025-TRV-001 — Rénovation du gymnase", "1 234 567,50 €"],
      ["2025-SRV-014 — Nettoyage des écoles", "98 000,00 €"],
    ]);
    expect(text(list.querySelector(".count"))).toBe("2 marchés");
  });

  it("tells how many contracts are shown out of the total", () => {
    const list = renderContracts({ items: [{ id: "c1", organisationId: "o", reference: "R", title: "T", kind: "", category: "", status: "", amountHt: "1500.00" }], page: 1, pageSize: 1, total: 1234 });
    expect(text(list.querySelector(".count"))).toBe("1 marché affiché sur 1 234");
    expect(text(list.querySelector(".amount"))).toBe("1 500,00 €");
  });

  it("escapes text coming from the server", () => {
    const list = renderMemberships([{ organisationId: "x", organisationName: "<img src=x onerror=alert(1)>", organisationKind: "", roles: [] }]);
    expect(list.querySelector("img")).toBeNull();
    expect(text(list)).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("home", () => {
  it("outside Office, offers the demo users with their roles in French", async () => {
    const { root, home } = mount();
    await home.start();

    const select = root.querySelector<HTMLSelectElement>("#demo-user")!;
    expect(root.querySelector('label[for="demo-user"]')?.textContent).toBe("Utilisateur de démonstration");
    expect([...select.options].map((o) => o.textContent)).toEqual(["Alice Martin — Acheteur, Administrateur", "Fabien Roux — Facilitateur"]);
    expect(text(root.querySelector("button[type=submit]"))).toBe("Se connecter");
    expect(text(root.querySelector(".app-header h1"))).toBe("Clauses");
    expect(text(root.querySelector(".app-header .host"))).toBe("Word (hors Office)");
  });

  it("after 'Se connecter': who is signed in, organisations with French roles, picker, contracts", async () => {
    const { root, home, requests } = mount();
    await home.start();
    root.querySelector<HTMLSelectElement>("#demo-user")!.value = "alice@ville.fr";
    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));

    await vi.waitFor(() => expect(root.querySelectorAll("ul.contracts li")).toHaveLength(2));

    expect(text(root.querySelector(".signed-in-as"))).toBe("Connecté en tant que Alice Martin (alice@ville.fr)");
    const ville = root.querySelector('ul.memberships li[data-organisation-id="org-ville"]');
    expect(text(ville?.querySelector(".roles"))).toBe("Acheteur, Administrateur");
    expect(text(root.querySelector("ul.contracts li .amount"))).toBe("1 234 567,50 €");
    expect(root.querySelector("form")).toBeNull();
    const picker = root.querySelector<HTMLSelectElement>("#organisation-picker")!;
    expect(root.querySelector('label[for="organisation-picker"]')?.textContent).toBe("Organisation");
    expect(picker.value).toBe("org-ville");
    expect([...picker.options].map((o) => o.textContent)).toEqual(["Ville de Lyon", "Maison de l'emploi", "Régie de quartier"]);

    const me = requests.find((r) => r.url.pathname === "/api/me")!;
    expect(me.headers.get("Authorization")).toBe("Bearer dev-token");
    const contracts = requests.find((r) => r.url.pathname === "/api/contracts")!;
    expect(contracts.url.searchParams.get("organisationId")).toBe("org-ville");
    expect(contracts.headers.get("Authorization")).toBe("Bearer dev-token");
  });

  it("choosing another organisation loads its contracts and remembers the choice", async () => {
    const { root, home } = mount();
    await home.signInAsDemoUser("alice@ville.fr");
    const picker = root.querySelector<HTMLSelectElement>("#organisation-picker")!;
    picker.value = "org-mif";
    picker.dispatchEvent(new Event("change"));

    await vi.waitFor(() => expect(text(root.querySelector(".contracts-section"))).toContain("Aucun marché pour cette organisation."));
    expect(window.sessionStorage.getItem(ORGANISATION_KEY)).toBe("org-mif");
  });

  it("a slow answer for a previous organisation does not replace the current one", async () => {
    let releaseVille: () => void = () => {};
    const villeAnswered = new Promise<void>((resolve) => (releaseVille = resolve));
    const { root, home } = mount({
      "GET /api/contracts": async (request) => {
        const organisationId = request.url.searchParams.get("organisationId") ?? "";
        if (organisationId === "org-ville") await villeAnswered;
        return json(CONTRACTS[organisationId]);
      },
    });
    const signingIn = home.signInAsDemoUser("alice@ville.fr"); // starts loading org-ville's contracts
    await vi.waitFor(() => expect(root.querySelector("#organisation-picker")).not.toBeNull());
    await home.selectOrganisation("org-mif");
    releaseVille();
    await signingIn;
    expect(text(root.querySelector(".contracts-section"))).toContain("Aucun marché pour cette organisation.");
    expect(root.querySelectorAll("ul.contracts li")).toHaveLength(0);
  });

  it("shows an API error in the French message bar", async () => {
    const { root, home } = mount();
    await home.signInAsDemoUser("alice@ville.fr");
    await home.selectOrganisation("org-siae");
    expect(alertText(root)).toBe("Accès refusé : Vous n'êtes pas membre de cette organisation.");
    expect(root.querySelector('[role="alert"]')!.hasAttribute("hidden")).toBe(false);
  });

  it("a 401 says the session expired, forgets the token and offers sign-in again", async () => {
    const { root, home, auth } = mount({ "GET /api/me": () => problem(401) });
    await home.signInAsDemoUser("alice@ville.fr");
    expect(alertText(root)).toBe("Session expirée : reconnectez-vous.");
    expect(auth.token()).toBeNull();
    expect(root.querySelector(".signed-in-as")).toBeNull();
    expect(root.querySelector("#demo-user")).not.toBeNull();
  });

  it("a server that cannot be reached is said so", async () => {
    const { root, home } = mount({
      "GET /dev/users": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await home.start();
    expect(alertText(root)).toBe("Le serveur est injoignable.");
    expect(text(root.querySelector(".signin button"))).toBe("Se connecter");
  });

  it("Excel shows organisations but does not load contracts", async () => {
    const { root, home, requests } = mount({}, { showContracts: false });
    await home.signInAsDemoUser("fabien@mif.fr");
    expect(text(root.querySelector(".signed-in-as"))).toContain("Connecté en tant que Alice Martin");
    expect(requests.some((r) => r.url.pathname === "/api/contracts")).toBe(false);
    expect(root.querySelector<HTMLElement>(".contracts-section")!.hidden).toBe(true);
  });
});
