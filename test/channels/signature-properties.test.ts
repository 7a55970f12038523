import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "../../workers/channels/bytes.ts";
import { parseForm } from "../../workers/channels/form.ts";
import { verifyGitHubSignature } from "../../workers/channels/github.ts";
import { verifyMetaSignature } from "../../workers/channels/meta.ts";
import { verifySlackSignature } from "../../workers/channels/slack.ts";
import { twilioParamString, verifyTwilioParams, verifyTwilioRequest } from "../../workers/channels/twilio.ts";
import { arb, mutateByte, mutateChar } from "./support/mutate.ts";
import { hubSignature, slackSignature, twilioJsonRequest, twilioSignature } from "./support/sign.ts";

const NOW = 1_700_000_000;
const timestamp = fc.integer({ min: NOW - 300, max: NOW + 300 }).map(String);

describe("Slack: any one-byte change is refused", () => {
  it("of the body", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, timestamp, arb.body, arb.index, arb.xor, async (secret, ts, body, i, x) => {
        const signature = await slackSignature(secret, ts, body);
        expect((await verifySlackSignature({ signingSecret: secret, signature, timestamp: ts, body, now: NOW })).ok).toBe(true);
        const changed = mutateByte(body, i, x);
        expect((await verifySlackSignature({ signingSecret: secret, signature, timestamp: ts, body: changed, now: NOW })).ok).toBe(false);
      }),
    );
  });

  it("of the signature or the timestamp", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, timestamp, arb.body, arb.index, arb.char, async (secret, ts, body, i, c) => {
        const signature = await slackSignature(secret, ts, body);
        const base = { signingSecret: secret, signature, timestamp: ts, body, now: NOW };
        expect((await verifySlackSignature({ ...base, signature: mutateChar(signature, i, c) })).ok).toBe(false);
        expect((await verifySlackSignature({ ...base, timestamp: mutateChar(ts, i, c) })).ok).toBe(false);
      }),
    );
  });
});

for (const [name, verify] of [
  ["GitHub", (secret: string, signature: string, body: Uint8Array<ArrayBuffer>) => verifyGitHubSignature({ secret, signature, body })],
  ["Meta", (appSecret: string, signature: string, body: Uint8Array<ArrayBuffer>) => verifyMetaSignature({ appSecret, signature, body })],
] as const) {
  describe(`${name}: any one-byte change is refused`, () => {
    it("of the body", async () => {
      await fc.assert(
        fc.asyncProperty(arb.secret, arb.body, arb.index, arb.xor, async (secret, body, i, x) => {
          const signature = await hubSignature(secret, body);
          expect((await verify(secret, signature, body)).ok).toBe(true);
          expect((await verify(secret, signature, mutateByte(body, i, x))).ok).toBe(false);
        }),
      );
    });

    it("of the signature", async () => {
      await fc.assert(
        fc.asyncProperty(arb.secret, arb.body, arb.index, arb.char, async (secret, body, i, c) => {
          const signature = await hubSignature(secret, body);
          expect((await verify(secret, mutateChar(signature, i, c), body)).ok).toBe(false);
        }),
      );
    });
  });
}

/** Twilio-like names; values avoid capitals, so names delimit values and the signed string stays unambiguous. */
const twilioParams = fc.array(
  fc.tuple(
    fc.constantFrom("AccountSid", "Body", "From", "MessageSid", "NumMedia", "To", "Digits"),
    // Spread by code point: `split("")` would cut the emoji into two lone surrogates, which UTF-8 cannot carry.
    fc.string({ unit: fc.constantFrom(...[..."abcxyz0189 +&=%/?:é😀"]), maxLength: 40 }),
  ),
  { minLength: 1, maxLength: 8 },
);
const twilioUrl = fc
  .tuple(fc.constantFrom("https://cp.example.com", "https://cp.example.com:443", "http://127.0.0.1:8787"), fc.webPath(), fc.constantFrom("", "?tenant=a&x=1"))
  .map(([origin, path, query]) => `${origin}${path.startsWith("/") ? path : `/${path}`}${query}`);

describe("Twilio: any change of what Twilio signs is refused", () => {
  it("of a parameter value", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, twilioUrl, twilioParams, arb.index, arb.index, arb.char, async (token, url, params, p, i, c) => {
        const signature = await twilioSignature(token, url, params);
        expect((await verifyTwilioParams({ authToken: token, url, signature, params })).ok).toBe(true);
        const changed = params.map(([n, v], k): [string, string] => [n, k === p % params.length ? (v.length === 0 ? "a" : mutateChar(v, i, c)) : v]);
        expect((await verifyTwilioParams({ authToken: token, url, signature, params: changed })).ok).toBe(false);
      }),
    );
  });

  it("of one byte of the form body, whenever the decoded parameters change", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, twilioUrl, twilioParams, arb.index, arb.xor, async (token, url, params, i, x) => {
        const body = utf8(new URLSearchParams(params).toString());
        const signature = await twilioSignature(token, url, params);
        expect((await verifyTwilioRequest({ authToken: token, url, signature, body })).ok).toBe(true);
        const changed = mutateByte(body, i, x);
        fc.pre(twilioParamString(parseForm(changed)) !== twilioParamString(params));
        expect((await verifyTwilioRequest({ authToken: token, url, signature, body: changed })).ok).toBe(false);
      }),
    );
  });

  it("of the URL or the signature", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, twilioUrl, twilioParams, arb.index, arb.char, async (token, url, params, i, c) => {
        const signature = await twilioSignature(token, url, params);
        expect((await verifyTwilioParams({ authToken: token, url: mutateChar(url, i, c), signature, params })).ok).toBe(false);
        expect((await verifyTwilioParams({ authToken: token, url, signature: mutateChar(signature, i, c), params })).ok).toBe(false);
      }),
    );
  });

  it("of one byte of a JSON body, of its URL or of its signature (bodySHA256 variant)", async () => {
    await fc.assert(
      fc.asyncProperty(arb.secret, twilioUrl, arb.body, arb.index, arb.xor, arb.char, async (token, base, body, i, x, c) => {
        const { url, signature } = await twilioJsonRequest(token, base, body);
        expect((await verifyTwilioRequest({ authToken: token, url, signature, body })).ok).toBe(true);
        expect((await verifyTwilioRequest({ authToken: token, url, signature, body: mutateByte(body, i, x) })).ok).toBe(false);
        expect((await verifyTwilioRequest({ authToken: token, url: mutateChar(url, i, c), signature, body })).ok).toBe(false);
        expect((await verifyTwilioRequest({ authToken: token, url, signature: mutateChar(signature, i, c), body })).ok).toBe(false);
      }),
    );
  });

  it("signs parameters, not bytes: '+' and '%20' spell the same space (documented scheme, accepted)", async () => {
    const params: [string, string][] = [["Body", "reply hi"]];
    const signature = await twilioSignature("token", "https://cp.example.com/webhooks/twilio", params);
    for (const body of ["Body=reply+hi", "Body=reply%20hi"]) {
      const result = await verifyTwilioRequest({ authToken: "token", url: "https://cp.example.com/webhooks/twilio", signature, body: utf8(body) });
      expect(result.ok).toBe(true);
    }
  });
});
