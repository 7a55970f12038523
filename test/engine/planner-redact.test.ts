import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { plannerPrompt } from "../../engine/planner/prompt.ts";
import { redactForModel } from "../../engine/planner/redact.ts";
import { makeIntent } from "./support/intent.ts";

/** Secrets as people paste them; each must be gone from what the model reads. */
const secrets: Record<string, string> = {
  "slack bot token": "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
  "slack user token": "xoxp-1234567890-1234567890-1234567890-0123456789abcdef0123456789abcdef",
  "slack app token": "xapp-1-A0123456789-1234567890123-abcdef0123456789",
  "slack webhook": "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
  "slack response_url": "https://hooks.slack.com/commands/T0THREAD/123456/abcdefABCDEF123456",
  "github token": "ghp_0123456789abcdefghijABCDEFGHIJ012345",
  "github fine-grained token": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH",
  "control plane api key": "cpk_0a1b2c3d_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
  "openai key": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
  "aws key": "AKIAIOSFODNN7EXAMPLE",
  "approval link": "https://cp.example.com/approve/eyJ2IjoxLCJ0ZW5hbnRJZCI6ImFjbWUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU",
  "bare approval token": "eyJ2IjoxLCJ0ZW5hbnRJZCI6ImFjbWUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU",
  "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  "meta token": "EAAGm0PX4ZCpsBAKZAbcdefghijklmnopqrstuvwxyz0123",
  "stripe key": "sk_live_abcdefghijklmnop1234",
  "twilio api key": "SK0123456789abcdef0123456789abcdef",
  "private key": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
};
const secretValue: Record<string, string> = { bearer: "Bearer abcdef0123456789ABCDEF", "token header": "Authorization: token 0123abcdef4567abcdef", "letters-only bearer": "authorization: Bearer AbCdEfGhIjKlMnOpQrSt", basic: "Basic YWxhZGRpbjpvcGVuc2VzYW1l", password: "password: hunter2hunter2", "url secret": "https://x.example/cb?token=s3cr3tvalue123&x=1", "url credentials": "https://admin:s3cr3tpw@db.example.com/" };
const leaked: Record<string, string> = { bearer: "abcdef0123456789ABCDEF", "token header": "0123abcdef4567abcdef", "letters-only bearer": "AbCdEfGhIjKlMnOpQrSt", basic: "YWxhZGRpbjpvcGVuc2VzYW1l", password: "hunter2hunter2", "url secret": "s3cr3tvalue123", "url credentials": "s3cr3tpw" };

describe("what the planner's model reads is redacted", () => {
  for (const [name, secret] of Object.entries(secrets)) {
    it(`removes a ${name}`, () => {
      const { text, redactions } = redactForModel(`please use ${secret} to close acme/web#7`);
      expect(text).not.toContain(secret);
      expect(text).toContain("close acme/web#7");
      expect(redactions.length).toBeGreaterThan(0);
    });
  }
  for (const [name, value] of Object.entries(secretValue)) {
    it(`removes the secret of a ${name}`, () => {
      const { text } = redactForModel(`here: ${value} thanks`);
      expect(text).not.toContain(leaked[name]);
      expect(text).toContain("[redacted");
    });
  }

  it("leaves ordinary requests alone", () => {
    for (const text of [
      "close the flaky-test issue in acme/web and tell the channel",
      "label acme/web#12 with bug, p1 and post the token budget to #ops",
      "fetch https://status.example.com/api/v2/summary.json?page=2 and reply with it",
      "commit 3f2a9c1d0b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a broke the build",
      "send +14155550100 the meeting moved to 3pm",
      "check the token verification logic in acme/api and comment on #4",
      "a basic understanding of Bearer Authentication is enough, Token Verification too",
    ]) {
      expect(redactForModel(text)).toEqual({ text, redactions: [] });
    }
  });

  it("the prompt carries the redacted text only", () => {
    const intent = makeIntent({ text: `close acme/web#7, my token is ${secrets["github token"]} and approve via ${secrets["approval link"]}` });
    const prompt = JSON.stringify(plannerPrompt(intent, toolRegistry));
    expect(prompt).not.toContain(secrets["github token"]);
    expect(prompt).not.toContain("/approve/eyJ");
    expect(prompt).toContain("[redacted github-token]");
    expect(prompt).toContain("[redacted approval-link]");
  });

  it("property: a token embedded anywhere in arbitrary prose never reaches the prompt", () => {
    const token = fc.oneof(
      fc.stringMatching(/^xox[bpa]-[0-9]{10}-[A-Za-z0-9]{12,24}$/),
      fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
      fc.stringMatching(/^cpk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/),
      fc.stringMatching(/^eyJ[A-Za-z0-9_-]{10,40}\.[A-Za-z0-9_-]{43}$/),
    );
    const prose = fc.string({ maxLength: 40 }).map((s) => s.replace(/[A-Za-z0-9_-]$/, ""));
    fc.assert(
      fc.property(prose, token, prose.map((s) => s.replace(/^[A-Za-z0-9_.-]/, "")), (before, secret, after) => {
        const text = `${before} ${secret} ${after}`;
        expect(redactForModel(text).text).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });
});
