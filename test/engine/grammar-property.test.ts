import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonical } from "../../engine/canonical.ts";
import { compile } from "../../engine/compile.ts";
import { interpretText } from "../../engine/interpret/index.ts";
import { makeIntent } from "./support/intent.ts";
import { registryWithSkills } from "./support/tools.ts";

/** Words of the grammar mixed with noise, so most inputs come close to commands and many parse. */
const fragment = fc.oneof(
  fc.constantFrom(
    "reply", "comment", "label", "close", "post", "send", "run", "help", "then", "and", "THEN", "/cp",
    "acme/api#7", "acme/api#0", "a/b#99999999999999999", "-x/y#1", "#ops", "#Ops", "<#C024BE7LR|ops>", "+14155550100", "+1",
    "bug,", "help wanted", '"', "“", "”", '\\"', "\\", "http.request", "acme/triage/classify", "acme/triage/classify@1.0.0",
    "title=x", 'title="a b"', "count=3", "count=-0", "score=1.5", "strict=true", "meta.source=a", "meta=b", "__proto__=1",
    "method=GET", "url=https://example.com", "headers.Accept=json", "=", "\n", "\t", ",",
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const soup = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(" "));

const word = fc.oneof(
  { arbitrary: fc.constantFrom("ok", "and", "then", "close", "reply", '"quoted and close"', "it's", "é", "👍", "#1"), weight: 4 },
  { arbitrary: fc.string({ minLength: 1, maxLength: 8 }), weight: 1 },
);
const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
const issue = fc.constantFrom("acme/api#7", "octo-org/web.site#123", "a/b#0", "acme/api 7");
const command = fc.oneof(
  text.map((t) => `reply ${t}`),
  fc.tuple(issue, text).map(([i, t]) => `comment ${i} ${t}`),
  fc.tuple(issue, fc.array(fc.constantFrom("bug", "help wanted", '"a,b"', "", "x".repeat(60)), { maxLength: 4 })).map(
    ([i, ls]) => `label ${i} ${ls.join(",")}`,
  ),
  issue.map((i) => `close ${i}`),
  fc.tuple(fc.constantFrom("#ops", "<#C024BE7LR|ops>", "#Ops", "ops"), text).map(([c, t]) => `post ${c} ${t}`),
  fc.tuple(fc.constantFrom("+14155550100", "+1", "+442071838750"), text).map(([p, t]) => `send ${p} ${t}`),
  fc
    .array(fc.constantFrom("title=x", 'title="a and close b"', "count=3", 'count="3"', "score=.5", "strict=true", "meta.source=a", "severity=high"), { maxLength: 4 })
    .map((kv) => `run acme/triage/classify ${kv.join(" ")}`),
  fc.constantFrom("help", "help run", "help nothing"),
);
const chain = fc
  .tuple(command, fc.array(fc.tuple(fc.constantFrom(" then ", " and ", " THEN\n"), command), { maxLength: 4 }))
  .map(([first, rest]) => first + rest.map(([sep, c]) => sep + c).join(""));
const noisyChain = fc.tuple(chain, fragment, fc.nat()).map(([c, noise, at]) => {
  const cut = at % (c.length + 1);
  return `${c.slice(0, cut)}${noise}${c.slice(cut)}`;
});
const anyText = fc.oneof(
  { arbitrary: chain, weight: 6 },
  { arbitrary: noisyChain, weight: 2 },
  { arbitrary: soup, weight: 1 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 1 },
);

describe("grammar properties", () => {
  it("interpretation is deterministic", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(canonical(interpretText(text, registryWithSkills))).toBe(canonical(interpretText(text, registryWithSkills)));
      }),
      { numRuns: 1000 },
    );
  });

  it("any text gives a draft that compiles or a rejection with a reply; nothing throws", () => {
    let drafts = 0;
    fc.assert(
      fc.property(anyText, (text) => {
        const result = interpretText(text, registryWithSkills);
        if (!result.ok) {
          expect(result.reply.length).toBeGreaterThan(0);
          expect(result.reason.length).toBeGreaterThan(0);
          return;
        }
        drafts++;
        const compiled = compile(makeIntent({ text }), result.draft, registryWithSkills);
        expect(compiled.ok ? [] : compiled.errors).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the compiler often enough for the property to mean something.
    expect(drafts).toBeGreaterThan(250);
  });
});
