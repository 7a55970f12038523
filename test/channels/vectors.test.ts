import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { verifyGitHubSignature } from "../../workers/channels/github.ts";
import { verifyMetaHandshake, verifyMetaSignature } from "../../workers/channels/meta.ts";
import { verifySlackSignature } from "../../workers/channels/slack.ts";
import { verifyTwilioBody, verifyTwilioParams, verifyTwilioRequest } from "../../workers/channels/twilio.ts";
import { paramPairs, vectors } from "./support/vectors.ts";

describe("Slack vectors", () => {
  for (const v of vectors.slack) {
    const base = { signingSecret: v.signingSecret, signature: v.expected, timestamp: v.timestamp, body: utf8(v.body) };

    it(`accepts: ${v.source}`, async () => {
      expect(await verifySlackSignature({ ...base, now: v.now })).toEqual({ ok: true });
    });

    it("accepts at exactly 300 s of skew, both directions", async () => {
      expect((await verifySlackSignature({ ...base, now: v.now + 300 })).ok).toBe(true);
      expect((await verifySlackSignature({ ...base, now: v.now - 300 })).ok).toBe(true);
    });

    it("refuses a stale timestamp (now 301 s later) and one from the future (now 301 s earlier)", async () => {
      expect(await verifySlackSignature({ ...base, now: v.now + 301 })).toEqual({ ok: false, reason: "stale_timestamp" });
      expect(await verifySlackSignature({ ...base, now: v.now - 301 })).toEqual({ ok: false, reason: "stale_timestamp" });
    });

    it("refuses the same body with '------' appended", async () => {
      const appended = await verifySlackSignature({ ...base, body: utf8(`${v.body}------`), now: v.now });
      expect(appended).toEqual({ ok: false, reason: "bad_signature" });
    });

    it("refuses unknown versions and malformed headers", async () => {
      const hex = v.expected.slice("v0=".length);
      expect(await verifySlackSignature({ ...base, signature: `v1=${hex}`, now: v.now })).toEqual({ ok: false, reason: "unsupported_version" });
      expect(await verifySlackSignature({ ...base, signature: `v0=${hex.toUpperCase()}`, now: v.now })).toEqual({ ok: false, reason: "malformed_header" });
      expect(await verifySlackSignature({ ...base, signature: null, now: v.now })).toEqual({ ok: false, reason: "missing_header" });
      expect(await verifySlackSignature({ ...base, timestamp: "1531420618.5", now: v.now })).toEqual({ ok: false, reason: "malformed_header" });
    });
  }
});

describe("GitHub vectors", () => {
  for (const v of vectors.github) {
    it(`accepts: ${v.source}`, async () => {
      expect(await verifyGitHubSignature({ secret: v.secret, signature: v.expected, body: utf8(v.body) })).toEqual({ ok: true });
    });
    it(`refuses a wrong secret, a missing prefix and a short digest: ${v.source}`, async () => {
      const body = utf8(v.body);
      expect((await verifyGitHubSignature({ secret: `${v.secret}x`, signature: v.expected, body })).ok).toBe(false);
      expect(await verifyGitHubSignature({ secret: v.secret, signature: v.expected.slice(7), body })).toEqual({ ok: false, reason: "malformed_header" });
      expect(await verifyGitHubSignature({ secret: v.secret, signature: v.expected.slice(0, -2), body })).toEqual({ ok: false, reason: "malformed_header" });
    });
  }
});

describe("Meta vectors", () => {
  for (const v of vectors.whatsappMeta) {
    it(`accepts: ${v.source}`, async () => {
      expect(await verifyMetaSignature({ appSecret: v.appSecret, signature: v.expected, body: utf8(v.body) })).toEqual({ ok: true });
    });
  }

  it("answers the verification handshake with the challenge", async () => {
    const h = vectors.metaVerifyHandshake;
    expect(h.expectedStatus).toBe(200);
    expect(await verifyMetaHandshake(new URLSearchParams(h.query), h.verifyToken)).toEqual({ ok: true, challenge: h.expectedBody });
    expect((await verifyMetaHandshake(new URLSearchParams(h.query), `${h.verifyToken}!`)).ok).toBe(false);
  });
});

describe("Twilio vectors", () => {
  for (const v of vectors.twilio) {
    if (v.body === undefined) {
      const params = paramPairs(v.params);
      it(`accepts the parameters: ${v.source}`, async () => {
        expect(await verifyTwilioParams({ authToken: v.authToken, url: v.url, signature: v.expected, params })).toEqual({ ok: true });
      });
      it(`accepts the same parameters as a form body: ${v.source}`, async () => {
        const body = utf8(new URLSearchParams(params).toString());
        expect(await verifyTwilioRequest({ authToken: v.authToken, url: v.url, signature: v.expected, body })).toEqual({ ok: true });
      });
    } else {
      const body = utf8(v.body);
      it(`accepts the JSON body by digest: ${v.source}`, async () => {
        expect(await verifyTwilioBody({ authToken: v.authToken, url: v.url, signature: v.expected, body })).toEqual({ ok: true });
        expect(await verifyTwilioRequest({ authToken: v.authToken, url: v.url, signature: v.expected, body })).toEqual({ ok: true });
      });
      it(`refuses a JSON body that does not hash to bodySHA256: ${v.source}`, async () => {
        const other = utf8(`${v.body} `);
        expect(await verifyTwilioRequest({ authToken: v.authToken, url: v.url, signature: v.expected, body: other })).toEqual({
          ok: false,
          reason: "body_digest_mismatch",
        });
      });
    }
  }

  const [plain] = vectors.twilio;
  const withPort = vectors.twilio.find((v) => v.url.includes(":443/"));

  it("accepts a signature made without the port when the configured URL has :443", async () => {
    if (plain === undefined) throw new Error("vector missing");
    const url = plain.url.replace("mycompany.com/", "mycompany.com:443/");
    const params = paramPairs(plain.params);
    expect(await verifyTwilioParams({ authToken: plain.authToken, url, signature: plain.expected, params })).toEqual({ ok: true });
  });

  it("accepts a signature made with :443 when the configured URL has no port", async () => {
    if (withPort === undefined) throw new Error("vector missing");
    const url = withPort.url.replace(":443/", "/");
    const params = paramPairs(withPort.params);
    expect(await verifyTwilioParams({ authToken: withPort.authToken, url, signature: withPort.expected, params })).toEqual({ ok: true });
  });

  it("keeps a non-default port significant", async () => {
    const custom = vectors.twilio.find((v) => v.url.includes(":1234/"));
    if (custom === undefined) throw new Error("vector missing");
    const params = paramPairs(custom.params);
    const url = custom.url.replace(":1234/", "/");
    expect((await verifyTwilioParams({ authToken: custom.authToken, url, signature: custom.expected, params })).ok).toBe(false);
  });

  it("refuses the form vectors under another auth token", async () => {
    for (const v of vectors.twilio.filter((x) => x.body === undefined)) {
      const params = paramPairs(v.params);
      expect((await verifyTwilioParams({ authToken: "54321", url: v.url, signature: v.expected, params })).ok).toBe(false);
    }
  });
});
