// Test helpers: canned HTTP responses and a fetch stand-in that records every request.
import { vi } from "vitest";

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers },
  });
}

export function problem(status: number, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

/** A fetch that answers "METHOD /path" routes (query ignored) and records requests. */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? "GET";
    const request: RecordedRequest = {
      method,
      url,
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return problem(404, { title: "Introuvable" });
    return handler(request);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

/** A JWT-shaped token (unsigned) whose `exp` is the given epoch second. */
export function fakeJwt(exp: number, claims: Record<string, unknown> = {}): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ exp, ...claims })}.signature`;
}

/** Replaces the non-breaking spaces fr-FR formatting uses with plain spaces. */
export function plainSpaces(text: string | null | undefined): string {
  return (text ?? "").replace(/[\u00a0\u202f]/g, " ");
}

/** A Word-pane context over a fake fetch (see tests/word-mock.ts for the Word side). */
export async function paneContext(routes: Parameters<typeof fakeFetch>[0]) {
  const { ApiClient } = await import("../src/shared/api.js");
  const { createContext } = await import("../src/word/context.js");
  const { fetch, requests } = fakeFetch(routes);
  const errors: unknown[] = [];
  const api = new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => "tok" });
  const ctx = createContext({
    api,
    organisationId: "org-1",
    reportError: async (error) => {
      errors.push(error);
    },
    clearError: () => undefined,
  });
  return { ctx, requests, errors };
}
