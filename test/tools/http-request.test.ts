import { describe, expect, it } from "vitest";
import { testConfig } from "./support/config.ts";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const http = (overrides: Partial<ReturnType<typeof testConfig>["http"]>) => ({ config: { http: { ...testConfig().http, ...overrides } } });

describe("http.request", () => {
  it("sends the method, headers, body and the step's Idempotency-Key; answers status, headers and body", async () => {
    const { outcome, requests, context } = await runTool(
      "http.request",
      { method: "POST", url: "https://api.example.com/v1/hooks?x=1", headers: { "content-type": "application/json", "X-Trace": "t1" }, body: '{"a":1}' },
      () => json({ accepted: true }, 202, { "x-request-id": "r1" }),
    );
    const request = only(requests);
    expect(request.url).toBe("https://api.example.com/v1/hooks?x=1");
    expect(request.method).toBe("POST");
    expect(request.redirect).toBe("manual");
    expect(request.headers.get("x-trace")).toBe("t1");
    expect(request.headers.get("idempotency-key")).toBe(context.idempotencyKey);
    expect(request.body).toBe('{"a":1}');
    expect(outcome).toEqual({
      ok: true,
      output: { status: 202, headers: { "content-type": "application/json", "x-request-id": "r1" }, body: '{"accepted":true}' },
    });
  });

  it("refuses hosts off the allowlist and private addresses without sending anything", async () => {
    // Each private address is allowlisted too: the address check refuses it on its own.
    for (const [url, allowedHosts, code] of [
      ["https://evil.test/", ["api.example.com"], "HOST_NOT_ALLOWED"],
      ["http://169.254.169.254/latest/meta-data/", ["169.254.169.254"], "ADDRESS_NOT_ALLOWED"],
      ["http://[::ffff:127.0.0.1]/", ["[::ffff:7f00:1]"], "ADDRESS_NOT_ALLOWED"],
      ["http://localhost/", ["localhost"], "ADDRESS_NOT_ALLOWED"],
    ] as const) {
      const { outcome, requests } = await runTool("http.request", { method: "GET", url }, () => new Response("x"), http({ allowedHosts }));
      expect(requests).toHaveLength(0);
      expect({ url, code: outcome.ok ? "sent" : outcome.code }).toEqual({ url, code });
    }
  });

  it("reaches an allowlisted loopback server when the test-only switch is on", async () => {
    const { outcome, requests } = await runTool("http.request", { method: "GET", url: "http://127.0.0.1:8787/healthz" }, () => json({ ok: true }), http({
      allowedHosts: ["127.0.0.1:8787"],
      allowLoopback: true,
    }));
    expect(only(requests).url).toBe("http://127.0.0.1:8787/healthz");
    expect(outcome).toMatchObject({ ok: true, output: { status: 200 } });
  });

  it("refuses headers the runtime owns, and a body on GET", async () => {
    const spoofed = await runTool("http.request", { method: "POST", url: "https://api.example.com/", headers: { "Idempotency-Key": "mine" } }, () => new Response("x"));
    expect(spoofed.requests).toHaveLength(0);
    expect(spoofed.outcome).toMatchObject({ ok: false, retryable: false, code: "INPUT_INVALID" });
    const host = await runTool("http.request", { method: "GET", url: "https://api.example.com/", headers: { Host: "169.254.169.254" } }, () => new Response("x"));
    expect(host.outcome).toMatchObject({ ok: false, code: "INPUT_INVALID" });
    const getBody = await runTool("http.request", { method: "GET", url: "https://api.example.com/", body: "x" }, () => new Response("x"));
    expect(getBody.outcome).toMatchObject({ ok: false, code: "INPUT_INVALID" });
  });

  it("follows redirects on the same host, keeping the method on 307 and turning 303 into GET", async () => {
    const { outcome, requests } = await runTool("http.request", { method: "POST", url: "https://api.example.com/a", body: "payload" }, (request) => {
      if (request.url.endsWith("/a")) return new Response(null, { status: 307, headers: { location: "/b" } });
      if (request.url.endsWith("/b")) return new Response(null, { status: 303, headers: { location: "https://api.example.com/c" } });
      return new Response("done");
    });
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.body])).toEqual([
      ["POST", "/a", "payload"],
      ["POST", "/b", "payload"],
      ["GET", "/c", ""],
    ]);
    expect(requests.every((r) => r.headers.get("idempotency-key") !== null)).toBe(true);
    expect(outcome).toMatchObject({ ok: true, output: { status: 200, body: "done" } });
  });

  it("follows a redirect to another allowlisted origin without Authorization, Cookie or any other credential header", async () => {
    const { outcome, requests } = await runTool(
      "http.request",
      {
        method: "GET",
        url: "https://api.example.com/a",
        headers: { Authorization: "Bearer s3cret", Cookie: "session=s3cret", "X-Api-Key": "s3cret", Accept: "application/json" },
      },
      (request) =>
        request.url.startsWith("https://api.example.com/")
          ? new Response(null, { status: 302, headers: { location: "https://other.example.com/b" } })
          : new Response("moved"),
      http({ allowedHosts: ["api.example.com", "other.example.com"] }),
    );
    expect(requests.map((r) => r.url)).toEqual(["https://api.example.com/a", "https://other.example.com/b"]);
    const [first, second] = requests;
    expect(first?.headers.get("authorization")).toBe("Bearer s3cret");
    expect([...(second?.headers ?? new Headers())].map(([name]) => name).sort()).toEqual(["accept", "idempotency-key"]);
    expect(outcome).toMatchObject({ ok: true, output: { status: 200, body: "moved" } });
  });

  it("keeps credentials on a redirect within the same origin, and drops them on another port of the same host", async () => {
    const { requests } = await runTool(
      "http.request",
      { method: "GET", url: "https://api.example.com/a", headers: { Authorization: "Bearer s3cret" } },
      (request) => {
        if (request.url.endsWith("/a")) return new Response(null, { status: 307, headers: { location: "/b" } });
        if (request.url.endsWith("/b")) return new Response(null, { status: 307, headers: { location: "https://api.example.com:8443/c" } });
        return new Response("done");
      },
      http({ allowedHosts: ["api.example.com", "api.example.com:8443"] }),
    );
    expect(requests.map((r) => [r.url, r.headers.get("authorization")])).toEqual([
      ["https://api.example.com/a", "Bearer s3cret"],
      ["https://api.example.com/b", "Bearer s3cret"],
      ["https://api.example.com:8443/c", null],
    ]);
  });

  it("refuses a redirect from https to http, even to the same allowlisted host, without sending it", async () => {
    const { outcome, requests } = await runTool("http.request", { method: "GET", url: "https://api.example.com/a", headers: { Authorization: "Bearer s3cret" } }, () =>
      new Response(null, { status: 301, headers: { location: "http://api.example.com/a" } }),
    );
    expect(requests).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "REDIRECT_DOWNGRADE" });
  });

  it("re-checks every hop: a redirect off the allowlist, to another port or to a private address is refused and not sent", async () => {
    for (const [location, code] of [
      ["https://evil.test/x", "HOST_NOT_ALLOWED"],
      ["https://api.example.com:8443/x", "HOST_NOT_ALLOWED"],
      ["http://169.254.169.254/latest/meta-data/", "REDIRECT_DOWNGRADE"],
      ["https://169.254.169.254/latest/meta-data/", "ADDRESS_NOT_ALLOWED"],
      ["https://[::ffff:10.0.0.1]/", "ADDRESS_NOT_ALLOWED"],
      ["https://localhost/", "ADDRESS_NOT_ALLOWED"],
    ] as const) {
      const { outcome, requests } = await runTool("http.request", { method: "GET", url: "https://api.example.com/a" }, () =>
        new Response(null, { status: 302, headers: { location } }),
      http({ allowedHosts: ["api.example.com", "evil.example", "169.254.169.254", "[::ffff:a00:1]", "localhost"] }));
      expect(requests.map((r) => r.url)).toEqual(["https://api.example.com/a"]);
      expect({ location, code: outcome.ok ? "sent" : outcome.code }).toEqual({ location, code });
    }
  });

  it("stops a redirect loop between two allowlisted hosts", async () => {
    const { outcome, requests } = await runTool("http.request", { method: "GET", url: "https://api.example.com/loop" }, (request) =>
      new Response(null, { status: 302, headers: { location: request.url.includes("api.") ? "https://other.example.com/loop" : "https://api.example.com/loop" } }),
    http({ allowedHosts: ["api.example.com", "other.example.com"] }));
    expect(requests).toHaveLength(6);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "TOO_MANY_REDIRECTS" });
  });

  it("gives up after too many redirects", async () => {
    let n = 0;
    const { outcome, requests } = await runTool("http.request", { method: "GET", url: "https://api.example.com/0" }, () => {
      n += 1;
      return new Response(null, { status: 302, headers: { location: `/${n}` } });
    });
    expect(requests).toHaveLength(6);
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "TOO_MANY_REDIRECTS" });
  });

  it("caps the response body, whether declared or streamed", async () => {
    const declared = await runTool("http.request", { method: "GET", url: "https://api.example.com/" }, () => new Response("x".repeat(2048)), http({ maxResponseBytes: 1024 }));
    expect(declared.outcome).toMatchObject({ ok: false, retryable: false, code: "RESPONSE_TOO_LARGE" });
    const streamed = await runTool("http.request", { method: "GET", url: "https://api.example.com/" }, () => {
      const chunk = new TextEncoder().encode("y".repeat(600));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 4) controller.enqueue(chunk);
          else controller.close();
        },
      });
      return new Response(body);
    }, http({ maxResponseBytes: 1024 }));
    expect(streamed.outcome).toMatchObject({ ok: false, retryable: false, code: "RESPONSE_TOO_LARGE" });
    const fits = await runTool("http.request", { method: "GET", url: "https://api.example.com/" }, () => new Response("z".repeat(1024)), http({ maxResponseBytes: 1024 }));
    expect(fits.outcome).toMatchObject({ ok: true, output: { body: "z".repeat(1024) } });
  });
});
