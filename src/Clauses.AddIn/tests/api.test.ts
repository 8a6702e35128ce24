import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, endpoints, parseRetryAfter } from "../src/shared/api.js";
import { fakeFetch, json, problem } from "./helpers.js";

function client(fetch: typeof globalThis.fetch, token: string | null = "tok-123") {
  return new ApiClient({ baseUrl: "https://clauses.example", getToken: () => token, fetch });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ApiClient requests", () => {
  it("uses the page's origin as base URL by default", async () => {
    const { fetch, requests } = fakeFetch({ "GET /api/me": () => json({ id: "u1" }) });
    const api = new ApiClient({ fetch });
    await api.get("/api/me");
    expect(api.baseUrl).toBe(window.location.origin);
    expect(requests[0]!.url.origin).toBe(window.location.origin);
  });

  it("sends the bearer token and asks for JSON", async () => {
    const { fetch, requests } = fakeFetch({ "GET /api/me": () => json({ id: "u1", displayName: "Alice" }) });
    const me = await client(fetch).get<{ displayName: string }>("/api/me");
    expect(me.displayName).toBe("Alice");
    expect(requests[0]!.headers.get("Authorization")).toBe("Bearer tok-123");
    expect(requests[0]!.headers.get("Accept")).toContain("application/json");
  });

  it("waits for an asynchronous token provider", async () => {
    const { fetch, requests } = fakeFetch({ "GET /api/me": () => json({}) });
    const api = new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: async () => "later" });
    await api.get("/api/me");
    expect(requests[0]!.headers.get("Authorization")).toBe("Bearer later");
  });

  it("sends no Authorization header for anonymous calls or without a token", async () => {
    const { fetch, requests } = fakeFetch({ "GET /dev/users": () => json([]) });
    await client(fetch).get("/dev/users", { anonymous: true });
    await client(fetch, null).get("/dev/users");
    expect(requests.map((r) => r.headers.has("Authorization"))).toEqual([false, false]);
  });

  it("builds the contracts query and leaves out empty parameters", async () => {
    const { fetch, requests } = fakeFetch({ "GET /api/contracts": () => json({ items: [], page: 2, pageSize: 10, total: 0 }) });
    await endpoints.contracts(client(fetch), { organisationId: "org-1", search: "", page: 2, pageSize: 10 });
    const url = requests[0]!.url;
    expect(url.pathname).toBe("/api/contracts");
    expect(Object.fromEntries(url.searchParams)).toEqual({ organisationId: "org-1", page: "2", pageSize: "10" });
  });

  it("posts JSON bodies", async () => {
    const { fetch, requests } = fakeFetch({
      "POST /dev/token": () => json({ accessToken: "t", expiresAt: "2030-01-01T00:00:00Z" }),
    });
    const token = await endpoints.devToken(client(fetch), "alice@example.fr");
    expect(token.accessToken).toBe("t");
    expect(requests[0]!.headers.get("Content-Type")).toBe("application/json");
    expect(requests[0]!.body).toEqual({ email: "alice@example.fr" });
    expect(requests[0]!.headers.has("Authorization")).toBe(false);
  });

  it("returns undefined for 204 No Content", async () => {
    const { fetch } = fakeFetch({ "PUT /api/things/1": () => new Response(null, { status: 204 }) });
    await expect(client(fetch).put("/api/things/1", { a: 1 })).resolves.toBeUndefined();
  });
});

describe("ETags", () => {
  it("getWithEtag returns the data and the ETag header", async () => {
    const { fetch } = fakeFetch({ "GET /api/contracts/c1": () => json({ id: "c1" }, { headers: { ETag: '"v7"' } }) });
    const result = await client(fetch).getWithEtag<{ id: string }>("/api/contracts/c1");
    expect(result).toEqual({ data: { id: "c1" }, etag: '"v7"' });
  });

  it("getWithEtag gives a null etag when the server sends none", async () => {
    const { fetch } = fakeFetch({ "GET /api/contracts/c1": () => json({ id: "c1" }) });
    expect((await client(fetch).getWithEtag("/api/contracts/c1")).etag).toBeNull();
  });

  it("put sends If-Match with the ETag read earlier", async () => {
    const { fetch, requests } = fakeFetch({
      "PUT /api/contracts/c1": () => json({ id: "c1", title: "Nouveau" }, { headers: { ETag: '"v8"' } }),
    });
    const api = client(fetch);
    const saved = await api.putWithEtag("/api/contracts/c1", { title: "Nouveau" }, { ifMatch: '"v7"' });
    expect(requests[0]!.headers.get("If-Match")).toBe('"v7"');
    expect(requests[0]!.body).toEqual({ title: "Nouveau" });
    expect(saved.etag).toBe('"v8"');
    await api.put("/api/contracts/c1", { title: "Sans version" });
    expect(requests[1]!.headers.has("If-Match")).toBe(false);
  });
});

describe("problem details and French messages", () => {
  it("parses a validation problem: status, title, detail, errors", async () => {
    const { fetch } = fakeFetch({
      "POST /api/contracts": () =>
        problem(400, {
          type: "https://clauses.example/problems/validation",
          title: "La demande contient des erreurs.",
          detail: "Le marché n'a pas pu être enregistré.",
          errors: { reference: ["La référence est obligatoire."], amountHt: ["Le montant doit être positif."] },
        }),
    });
    const error = await failure(client(fetch).post("/api/contracts", {}));
    expect(error.status).toBe(400);
    expect(error.title).toBe("La demande contient des erreurs.");
    expect(error.detail).toBe("Le marché n'a pas pu être enregistré.");
    expect(error.type).toBe("https://clauses.example/problems/validation");
    expect(error.errors).toEqual({ reference: ["La référence est obligatoire."], amountHt: ["Le montant doit être positif."] });
    expect(error.message).toBe(
      "Le marché n'a pas pu être enregistré. La référence est obligatoire. Le montant doit être positif.",
    );
  });

  it.each([
    [401, {}, "Session expirée : reconnectez-vous."],
    [403, {}, "Accès refusé : vos rôles ne permettent pas cette action."],
    [403, { detail: "Seuls les facilitateurs peuvent voir les participants." }, "Accès refusé : Seuls les facilitateurs peuvent voir les participants."],
    [404, {}, "Élément introuvable : il a peut-être été supprimé."],
    [412, { title: "Precondition Failed" }, "La ressource a été modifiée par quelqu'un d'autre : rechargez-la."],
    [429, {}, "Trop de requêtes : réessayez dans un instant."],
    [503, {}, "Le service est momentanément indisponible : réessayez plus tard."],
    [500, { title: "Internal Server Error" }, "Erreur du serveur (500) : réessayez plus tard."],
  ])("status %i gives a French message", async (status, body, message) => {
    const { fetch } = fakeFetch({ "GET /api/x": () => problem(status, body) });
    const error = await failure(client(fetch).get("/api/x"));
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
  });

  it("429 tells how long to wait from Retry-After", async () => {
    const { fetch } = fakeFetch({ "GET /api/x": () => problem(429, { title: "Too Many Requests" }, { "Retry-After": "12" }) });
    const error = await failure(client(fetch).get("/api/x"));
    expect(error.retryAfterSeconds).toBe(12);
    expect(error.message).toBe("Trop de requêtes : réessayez dans 12 s.");
  });

  it("Retry-After may be an HTTP date", () => {
    const now = Date.parse("2025-03-01T10:00:00Z");
    expect(parseRetryAfter("Sat, 01 Mar 2025 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("n'importe quoi", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("an error without a JSON body still has a status, a title and a message", async () => {
    const { fetch } = fakeFetch({
      "GET /api/x": () => new Response("<html>proxy</html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }),
    });
    const error = await failure(client(fetch).get("/api/x"));
    expect(error.status).toBe(502);
    expect(error.title).toBe("Bad Gateway");
    expect(error.errors).toEqual({});
    expect(error.message).toBe("Le service est momentanément indisponible : réessayez plus tard.");
  });

  it("409 shows the server's French detail", async () => {
    const { fetch } = fakeFetch({ "POST /api/x": () => problem(409, { title: "Conflit", detail: "Cette référence existe déjà." }) });
    expect((await failure(client(fetch).post("/api/x", {}))).message).toBe("Cette référence existe déjà.");
  });
});

describe("network failures", () => {
  it("a fetch that rejects becomes status 0, 'Le serveur est injoignable.'", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof globalThis.fetch;
    const error = await failure(client(fetch).get("/api/me"));
    expect(error.status).toBe(0);
    expect(error.message).toBe("Le serveur est injoignable.");
  });

  it("a request that never answers is aborted after the timeout", async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    ) as unknown as typeof globalThis.fetch;
    const api = new ApiClient({ baseUrl: "https://clauses.example", fetch, timeoutMs: 5_000 });
    const pending = failure(api.get("/api/me"));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await pending;
    expect(error.status).toBe(0);
    expect(error.message).toBe("Le serveur ne répond pas : réessayez plus tard.");
  });

  it("an unreadable success body is reported, not returned", async () => {
    const { fetch } = fakeFetch({ "GET /api/me": () => new Response("{oops", { status: 200, headers: { "Content-Type": "application/json" } }) });
    expect((await failure(client(fetch).get("/api/me"))).message).toBe("Le serveur a renvoyé une réponse illisible.");
  });
});
