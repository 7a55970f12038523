import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { twilioSignatureAlgorithm, verifyTwilioParams, verifyTwilioRequest } from "../../workers/channels/twilio.ts";
import { ENV, MemorySink, testApp } from "./support/app.ts";
import { twilioInbound } from "./support/payloads.ts";
import { paramPairs, vectors } from "./support/vectors.ts";

const SETTINGS = "key=webhooks_sharedkey_0123456789abcdef,algorithm=HMAC_SHA256";
const SHARED_KEY_SECRET = "twilio-shared-key-secret";

/**
 * twilio-node 6.3.1 `getExpectedTwilioSignature(secret, url, params, algorithm)`, written out
 * with Web Crypto and nothing from the code under test: the URL, then each parameter name
 * (sorted) followed by each of its distinct values (sorted), HMAC with the named hash, base64.
 */
async function libraryExpected(secret: string, url: string, params: Record<string, string | string[]>, hash: "SHA-1" | "SHA-256") {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name] ?? [];
    for (const v of Array.isArray(value) ? [...new Set(value)].sort() : [value]) data += name + v;
  }
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
  return btoa(String.fromCharCode(...mac));
}

/** What twilio-node 6.3.1 itself printed for the published form vector, signed with HMAC_SHA256 (same token, URL and parameters). */
const LIBRARY_SHA256 = {
  form: "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=",
  repeated: "jco7II1lvHpqANwxYMpqhOGVonnkKyDh1cL2ZUBvMDs=",
  json: "+UOCWf84gdgo/5Hpg4m5/EgKnJA2/TbOw5sPNVr3bPk=",
};

const formVector = vectors.twilio.find((v) => v.source === "twilio/twilio-node spec/validation.spec.js");
const repeatedVector = vectors.twilio.find((v) => v.source.includes("repeated key"));
const jsonVector = vectors.twilio.find((v) => v.body !== undefined);

function vector<T>(v: T | undefined): T {
  if (v === undefined) throw new Error("vector missing");
  return v;
}

describe("Twilio HMAC_SHA256 signatures: conformance with twilio-node", () => {
  it("the test's own computation reproduces the library's published SHA-1 vector and its SHA-256 output", async () => {
    const v = vector(formVector);
    expect(await libraryExpected(v.authToken, v.url, v.params, "SHA-1")).toBe(v.expected);
    expect(await libraryExpected(v.authToken, v.url, v.params, "SHA-256")).toBe(LIBRARY_SHA256.form);
    const r = vector(repeatedVector);
    expect(await libraryExpected(r.authToken, r.url, r.params, "SHA-256")).toBe(LIBRARY_SHA256.repeated);
    const j = vector(jsonVector);
    expect(await libraryExpected(j.authToken, j.url, {}, "SHA-256")).toBe(LIBRARY_SHA256.json);
  });

  it("accepts the form vector signed with HMAC_SHA256 when the settings header names it", async () => {
    const v = vector(formVector);
    const params = paramPairs(v.params);
    const base = { authToken: v.authToken, url: v.url, params, settings: SETTINGS };
    expect(await verifyTwilioParams({ ...base, signature: LIBRARY_SHA256.form })).toEqual({ ok: true });
    const body = utf8(new URLSearchParams(params).toString());
    expect(await verifyTwilioRequest({ authToken: v.authToken, url: v.url, signature: LIBRARY_SHA256.form, settings: SETTINGS, body })).toEqual({ ok: true });
  });

  it("accepts repeated parameters (distinct values, sorted) under HMAC_SHA256", async () => {
    const r = vector(repeatedVector);
    const params = paramPairs(r.params);
    expect(await verifyTwilioParams({ authToken: r.authToken, url: r.url, params, settings: SETTINGS, signature: LIBRARY_SHA256.repeated })).toEqual({
      ok: true,
    });
  });

  it("accepts a JSON body: HMAC_SHA256 over the URL carrying bodySHA256, and the body still hashes to it", async () => {
    const j = vector(jsonVector);
    const body = utf8(j.body ?? "");
    const req = { authToken: j.authToken, url: j.url, signature: LIBRARY_SHA256.json, settings: SETTINGS };
    expect(await verifyTwilioRequest({ ...req, body })).toEqual({ ok: true });
    expect(await verifyTwilioRequest({ ...req, body: utf8(`${j.body} `) })).toEqual({ ok: false, reason: "body_digest_mismatch" });
  });

  it("reads the algorithm as getSignatureAlgorithm does: first non-empty algorithm=, trimmed, case-insensitive; none means HMAC_SHA1", async () => {
    expect(twilioSignatureAlgorithm(SETTINGS)).toBe("HMAC_SHA256");
    expect(twilioSignatureAlgorithm(null)).toBe("HMAC_SHA1");
    expect(twilioSignatureAlgorithm("")).toBe("HMAC_SHA1");
    expect(twilioSignatureAlgorithm("key=abc")).toBe("HMAC_SHA1");
    expect(twilioSignatureAlgorithm("algorithm=,algorithm=HMAC_SHA256")).toBe("HMAC_SHA256");
    const v = vector(formVector);
    const params = paramPairs(v.params);
    const lower = " key=x , algorithm = hmac_sha256 ";
    expect(await verifyTwilioParams({ authToken: v.authToken, url: v.url, params, settings: lower, signature: LIBRARY_SHA256.form })).toEqual({ ok: true });
  });

  it("keeps SHA-1: no settings header, or one naming HMAC_SHA1, verifies the SHA-1 signature", async () => {
    const v = vector(formVector);
    const params = paramPairs(v.params);
    expect(await verifyTwilioParams({ authToken: v.authToken, url: v.url, params, signature: v.expected })).toEqual({ ok: true });
    const sha1Settings = "key=webhooks_sharedkey_1,algorithm=HMAC_SHA1";
    expect(await verifyTwilioParams({ authToken: v.authToken, url: v.url, params, settings: sha1Settings, signature: v.expected })).toEqual({ ok: true });
  });
});

describe("Twilio HMAC_SHA256 signatures: trying to break them", () => {
  const v = vector(formVector);
  const params = paramPairs(v.params);
  const base = { authToken: v.authToken, url: v.url, params };

  it("refuses the SHA-256 signature with any one of its 256 bits flipped", async () => {
    const mac = Uint8Array.from(atob(LIBRARY_SHA256.form), (c) => c.charCodeAt(0));
    expect(mac).toHaveLength(32);
    for (let bit = 0; bit < mac.length * 8; bit++) {
      const flipped = mac.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const signature = btoa(String.fromCharCode(...flipped));
      expect(await verifyTwilioParams({ ...base, settings: SETTINGS, signature })).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("refuses the SHA-256 signature over changed parameters or a changed URL", async () => {
    const changed = params.map(([n, value]): [string, string] => [n, n === "Digits" ? "1235" : value]);
    expect(await verifyTwilioParams({ ...base, params: changed, settings: SETTINGS, signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "bad_signature" });
    const url = v.url.replace("foo=1", "foo=2");
    expect(await verifyTwilioParams({ ...base, url, settings: SETTINGS, signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a header claiming HMAC_SHA256 over a SHA-1 signature", async () => {
    expect(await verifyTwilioParams({ ...base, settings: SETTINGS, signature: v.expected })).toEqual({ ok: false, reason: "malformed_header" });
  });

  it("refuses a SHA-256 signature under a header claiming HMAC_SHA1", async () => {
    const settings = "key=webhooks_sharedkey_1,algorithm=HMAC_SHA1";
    expect(await verifyTwilioParams({ ...base, settings, signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "malformed_header" });
  });

  it("refuses a SHA-256 signature without the settings header (SHA-1 is then the only algorithm)", async () => {
    expect(await verifyTwilioParams({ ...base, signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "malformed_header" });
    expect(await verifyTwilioParams({ ...base, settings: "", signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "malformed_header" });
  });

  it("refuses an algorithm twilio-node does not know, whatever the signature", async () => {
    for (const settings of ["key=k,algorithm=HMAC_SHA512", "algorithm=SHA256", "algorithm=HMAC-SHA256", "algorithm=none"]) {
      expect(await verifyTwilioParams({ ...base, settings, signature: LIBRARY_SHA256.form })).toEqual({ ok: false, reason: "unsupported_algorithm" });
      expect(await verifyTwilioParams({ ...base, settings, signature: v.expected })).toEqual({ ok: false, reason: "unsupported_algorithm" });
    }
  });

  it("refuses a SHA-256 signature made with another secret", async () => {
    const signature = await libraryExpected("54321", v.url, v.params, "SHA-256");
    expect(await verifyTwilioParams({ ...base, settings: SETTINGS, signature })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("checks a settings-header delivery against the SharedKey secret when one is configured, and the SHA-1 path never against it", async () => {
    const signature = await libraryExpected(SHARED_KEY_SECRET, v.url, v.params, "SHA-256");
    expect(await verifyTwilioParams({ ...base, sharedKeySecret: SHARED_KEY_SECRET, settings: SETTINGS, signature })).toEqual({ ok: true });
    expect(await verifyTwilioParams({ ...base, settings: SETTINGS, signature })).toEqual({ ok: false, reason: "bad_signature" });
    // Without the settings header twilio-node uses the auth token only.
    const sha1 = await libraryExpected(SHARED_KEY_SECRET, v.url, v.params, "SHA-1");
    expect(await verifyTwilioParams({ ...base, sharedKeySecret: SHARED_KEY_SECRET, signature: sha1 })).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("POST /webhooks/twilio with HMAC_SHA256", () => {
  async function sha256Delivery(secret: string, settings: string | undefined) {
    const params = twilioInbound();
    const signature = await libraryExpected(secret, ENV.TWILIO_WEBHOOK_URL, params, "SHA-256");
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature };
    if (settings !== undefined) headers["x-twilio-webhooks-signature-settings"] = settings;
    return { method: "POST", body: new URLSearchParams(params).toString(), headers };
  }

  it("accepts a delivery signed with the auth token and HMAC_SHA256 and records its intent", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const res = await app.request("/webhooks/twilio", await sha256Delivery(ENV.TWILIO_AUTH_TOKEN, SETTINGS), ENV);
    expect(res.status).toBe(200);
    expect(sink.deliveries[0]?.items[0]?.kind).toBe("intent");
  });

  it("accepts one signed with the configured SharedKey secret (TWILIO_SHARED_KEY_SECRET)", async () => {
    const sink = new MemorySink();
    const { app } = testApp(sink);
    const env = { ...ENV, TWILIO_SHARED_KEY_SECRET: SHARED_KEY_SECRET };
    const res = await app.request("/webhooks/twilio", await sha256Delivery(SHARED_KEY_SECRET, SETTINGS), env);
    expect(res.status).toBe(200);
    expect(sink.deliveries).toHaveLength(1);
  });

  it("refuses with 401 and records nothing: the settings header missing, an unknown algorithm, or a SharedKey signature with no secret configured", async () => {
    const sink = new MemorySink();
    const { app, logs } = testApp(sink);
    const cases = [
      await sha256Delivery(ENV.TWILIO_AUTH_TOKEN, undefined),
      await sha256Delivery(ENV.TWILIO_AUTH_TOKEN, "key=k,algorithm=HMAC_SHA512"),
      await sha256Delivery(SHARED_KEY_SECRET, SETTINGS),
    ];
    for (const init of cases) expect((await app.request("/webhooks/twilio", init, ENV)).status).toBe(401);
    expect(sink.deliveries).toHaveLength(0);
    expect(logs.map((l) => l.reason)).toEqual(["malformed_header", "unsupported_algorithm", "bad_signature"]);
  });
});
