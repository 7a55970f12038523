import { describe, expect, it } from "vitest";
import { callApi, type Fetch } from "../../cli/api/client.ts";
import { apiConfigFrom } from "../../cli/api/config.ts";
import { formatProblem } from "../../cli/api/problem.ts";
import { publishBody } from "../../cli/skills/publish.ts";
import { fromBase64 } from "../../engine/skills/base64url.ts";
import { BUNDLE, fixture } from "./support/manifests.ts";

describe("apiConfigFrom", () => {
  it("reads CPLANE_URL and CPLANE_KEY and trims a trailing slash", () => {
    expect(apiConfigFrom({ CPLANE_URL: "https://cp.example.com/", CPLANE_KEY: "k" })).toEqual({
      ok: true,
      config: { baseUrl: "https://cp.example.com", apiKey: "k" },
    });
    expect(apiConfigFrom({ CPLANE_KEY: "k" }, "http://127.0.0.1:8787")).toMatchObject({ ok: true });
  });

  it("names what is missing and refuses to send a key over plain http to another machine", () => {
    expect(apiConfigFrom({})).toEqual({ ok: false, error: "set CPLANE_URL and CPLANE_KEY (the server's base URL and an API key), pass --url/--key, or write them to the config file" });
    expect(apiConfigFrom({ CPLANE_URL: "https://cp.example.com" })).toMatchObject({ ok: false, error: expect.stringContaining("CPLANE_KEY") });
    expect(apiConfigFrom({ CPLANE_URL: "http://cp.example.com", CPLANE_KEY: "k" })).toMatchObject({ ok: false });
    expect(apiConfigFrom({ CPLANE_URL: "not a url", CPLANE_KEY: "k" })).toMatchObject({ ok: false });
  });
});

describe("callApi and publishBody (cplane skills publish)", () => {
  it("POSTs the signed manifest and the base64 bundle with the bearer key", async () => {
    const { manifest } = await fixture();
    const seen: { url: string; init: RequestInit }[] = [];
    const fakeFetch: Fetch = async (url, init) => {
      seen.push({ url, init });
      return Response.json(
        { type: "about:blank", title: "Not Implemented", status: 501, code: "NOT_IMPLEMENTED", detail: "not yet" },
        { status: 501, headers: { "content-type": "application/problem+json" } },
      );
    };
    const answer = await callApi(
      { baseUrl: "https://cp.example.com", apiKey: "cpk_test" },
      { method: "POST", path: "/v1/skills", body: publishBody(manifest, BUNDLE) },
      fakeFetch,
    );
    expect(answer).toMatchObject({ ok: false, status: 501, body: { code: "NOT_IMPLEMENTED" } });
    const [call] = seen;
    expect(call?.url).toBe("https://cp.example.com/v1/skills");
    expect(call?.init.method).toBe("POST");
    expect(call?.init.headers).toMatchObject({ authorization: "Bearer cpk_test", "content-type": "application/json" });
    const sent: unknown = JSON.parse(String(call?.init.body));
    expect(sent).toMatchObject({ manifest });
    const bundle = typeof sent === "object" && sent !== null && "bundle" in sent && typeof sent.bundle === "string" ? fromBase64(sent.bundle) : undefined;
    expect(bundle).toEqual(BUNDLE);
  });

  it("returns a success body as data", async () => {
    const fakeFetch: Fetch = async () => Response.json({ skill: { name: "echo" } }, { status: 201 });
    expect(await callApi({ baseUrl: "https://x.example", apiKey: "k" }, { method: "GET", path: "/v1/skills" }, fakeFetch)).toEqual({
      ok: true,
      status: 201,
      body: { skill: { name: "echo" } },
    });
  });
});

describe("formatProblem", () => {
  it("prints status, title, code, detail, field errors and trace", () => {
    const text = formatProblem(
      400,
      { title: "Bad Request", status: 400, code: "VALIDATION_FAILED", detail: "The input does not match.", errors: [{ path: "bundle", message: "expected base64" }], traceId: "tr_1" },
      "",
    );
    expect(text).toBe(
      ["server answered 400 Bad Request: VALIDATION_FAILED", "  The input does not match.", "  - bundle: expected base64", "  trace tr_1"].join("\n"),
    );
  });

  it("falls back to the raw text when the answer is not a problem document", () => {
    expect(formatProblem(502, undefined, "<html>Bad gateway</html>")).toBe("server answered 502: <html>Bad gateway</html>");
    expect(formatProblem(500, undefined, "")).toBe("server answered 500 with no body");
  });
});
