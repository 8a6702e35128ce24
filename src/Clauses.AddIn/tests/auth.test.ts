import { OfficeMockObject } from "office-addin-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient } from "../src/shared/api.js";
import { Auth, SESSION_KEY, jwtExpiry } from "../src/shared/auth.js";
import { fakeFetch, fakeJwt, json, problem } from "./helpers.js";

const NOW = Date.parse("2025-03-01T10:00:00Z");
const DEMO_USERS = [
  { email: "acheteur@demo.fr", displayName: "Alice Acheteuse", roles: "acheteur" },
  { email: "facilitateur@demo.fr", displayName: "Fabien Facilitateur", roles: "facilitateur, directeur" },
];

/** Office as office-addin-mock plays it: onReady with a host, and auth.getAccessToken. */
function mockOffice(host: string | null, getAccessToken: (options?: Office.AuthOptions) => Promise<string>) {
  const office = new OfficeMockObject({
    onReady: async () => ({ host, platform: host ? "PC" : null }),
    auth: { getAccessToken: vi.fn(getAccessToken) },
  });
  (globalThis as Record<string, unknown>).Office = office;
  return office as unknown as { auth: { getAccessToken: ReturnType<typeof vi.fn> } };
}

function officeError(code: number, message = "SSO error") {
  return Object.assign(new Error(message), { code, name: "Error" });
}

function setup(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const { fetch, requests } = fakeFetch({ "GET /dev/users": () => json(DEMO_USERS), ...routes });
  let now = NOW;
  let auth: Auth | null = null;
  const api = new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => auth?.token() ?? null });
  auth = new Auth(api, { storage: window.sessionStorage, now: () => now });
  return { auth, api, requests, advance: (ms: number) => (now += ms) };
}

beforeEach(() => {
  window.sessionStorage.clear();
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

describe("Office SSO", () => {
  it("signs in with the Office token, asking for the add-in's API and allowing prompts", async () => {
    const token = fakeJwt(NOW / 1000 + 3600, { preferred_username: "alice@ville.fr" });
    const office = mockOffice("Word", async () => token);
    const { auth, requests } = setup();

    const outcome = await auth.signIn();

    expect(outcome).toEqual({ status: "signed-in", session: { accessToken: token, expiresAt: NOW + 3_600_000, source: "sso" } });
    expect(office.auth.getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
    expect(auth.token()).toBe(token);
    expect(requests).toHaveLength(0); // no Development endpoints touched
  });

  it("keeps the token in sessionStorage and reuses it until it expires", async () => {
    const office = mockOffice("Excel", async () => fakeJwt(NOW / 1000 + 600));
    const { auth, advance } = setup();

    await auth.signIn();
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_KEY)!)).toMatchObject({ source: "sso" });
    await auth.signIn();
    expect(office.auth.getAccessToken).toHaveBeenCalledTimes(1);

    advance(10 * 60_000); // past exp
    expect(auth.token()).toBeNull();
    await auth.signIn();
    expect(office.auth.getAccessToken).toHaveBeenCalledTimes(2);
  });

  it.each([13000, 13003, 13012, 13013])("falls back to the demo users when SSO fails with %i", async (code) => {
    mockOffice("Word", async () => {
      throw officeError(code);
    });
    const { auth, requests } = setup();

    const outcome = await auth.signIn();

    expect(outcome.status).toBe("demo");
    if (outcome.status !== "demo") return;
    expect(outcome.users).toEqual(DEMO_USERS);
    expect(outcome.reason).toContain(`(code ${code})`);
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /dev/users"]);
    expect(auth.token()).toBeNull();
  });

  it("does not fall back on an error outside the SSO range", async () => {
    mockOffice("Word", async () => {
      throw officeError(50001, "Office.js is loading");
    });
    const { auth, requests } = setup();

    const outcome = await auth.signIn();

    expect(outcome).toEqual({ status: "failed", message: expect.stringContaining("(code 50001)") });
    expect(requests).toHaveLength(0);
  });

  it("reports that nothing works when SSO is unavailable and the server offers no demo users", async () => {
    mockOffice("Word", async () => {
      throw officeError(13001);
    });
    const { auth } = setup({ "GET /dev/users": () => problem(404, { title: "Not Found" }) });

    const outcome = await auth.signIn();

    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.message).toContain("Vous n'êtes pas connecté à Office. (code 13001)");
    expect(outcome.message).toContain("Aucun compte de démonstration");
  });
});

describe("outside Office", () => {
  it("offers the demo users when Office.js is absent", async () => {
    const { auth } = setup();
    const outcome = await auth.signIn();
    expect(outcome).toMatchObject({ status: "demo", users: DEMO_USERS, reason: expect.stringContaining("hors d'Office") });
  });

  it("does not ask Office for a token when Office.js runs without a host (plain browser)", async () => {
    const office = mockOffice(null, async () => "never");
    const { auth } = setup();
    const outcome = await auth.signIn();
    expect(outcome.status).toBe("demo");
    expect(office.auth.getAccessToken).not.toHaveBeenCalled();
  });
});

describe("Development sign-in", () => {
  it("gets a token for the chosen demo user, stores it, and the API client sends it", async () => {
    const { auth, api, requests } = setup({
      "POST /dev/token": () => json({ accessToken: "dev-token-alice", expiresAt: "2025-03-01T11:00:00Z" }),
      "GET /api/me": () => json({ id: "u1" }),
    });

    const session = await auth.signInAsDemoUser("acheteur@demo.fr");
    await api.get("/api/me");

    expect(session).toEqual({ accessToken: "dev-token-alice", expiresAt: Date.parse("2025-03-01T11:00:00Z"), source: "dev", email: "acheteur@demo.fr" });
    expect(requests[0]!.body).toEqual({ email: "acheteur@demo.fr" });
    expect(requests[0]!.headers.has("Authorization")).toBe(false);
    expect(requests[1]!.headers.get("Authorization")).toBe("Bearer dev-token-alice");
    expect((await auth.signIn()).status).toBe("signed-in");
  });

  it("signOut forgets the token", async () => {
    const { auth } = setup({ "POST /dev/token": () => json({ accessToken: "t", expiresAt: "2025-03-01T11:00:00Z" }) });
    await auth.signInAsDemoUser("acheteur@demo.fr");
    auth.signOut();
    expect(auth.token()).toBeNull();
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it("treats a token about to expire as expired", async () => {
    const { auth } = setup({ "POST /dev/token": () => json({ accessToken: "t", expiresAt: new Date(NOW + 30_000).toISOString() }) });
    await auth.signInAsDemoUser("acheteur@demo.fr");
    expect(auth.token()).toBeNull();
  });
});

describe("jwtExpiry", () => {
  it("reads exp from a base64url payload, or gives null", () => {
    expect(jwtExpiry(fakeJwt(1_700_000_000, { name: "Élodie ~~~ ???" }))).toBe(1_700_000_000_000);
    expect(jwtExpiry("not-a-jwt")).toBeNull();
    expect(jwtExpiry("a.%%%.c")).toBeNull();
  });
});
