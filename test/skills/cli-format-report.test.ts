import { describe, expect, it } from "vitest";
import { checkInstall, verifySkill } from "../../engine/skills/check-install.ts";
import { formatReport, reportSubject } from "../../cli/skills/format-report.ts";
import { localCheckInput } from "../../cli/skills/local-verify.ts";
import { fixture } from "./support/manifests.ts";

describe("formatReport (cplane skills verify)", () => {
  it("prints one aligned line per check and the verdict", async () => {
    const { input } = await fixture();
    const text = formatReport(await verifySkill(input), "acme/echo@1.2.0");
    const lines = text.split("\n");
    expect(lines[0]).toBe("checks for acme/echo@1.2.0");
    expect(lines).toHaveLength(16);
    expect(lines[1]).toMatch(/^ {2}pass {2}schema_version {9}schemaVersion 1$/);
    expect(lines.at(-1)).toBe("acme/echo@1.2.0: every check passed");
  });

  it("names the first failure with its code, and marks skipped checks", async () => {
    const { input } = await fixture();
    const text = formatReport(await verifySkill({ ...input, trustStore: { keys: [] } }), "acme/echo@1.2.0");
    expect(text).toContain("  FAIL  key_known              KEY_UNKNOWN: no trusted publisher key has id");
    expect(text).toContain("  skip  signature");
    expect(text.split("\n").at(-1)).toMatch(/^acme\/echo@1\.2\.0: refused, KEY_UNKNOWN \(key_known\): /);
  });

  it("takes the subject from the manifest when it has one", () => {
    expect(reportSubject({ skill: "acme/echo", version: "1.0.0" }, "file.json")).toBe("acme/echo@1.0.0");
    expect(reportSubject("junk", "file.json")).toBe("file.json");
  });
});

describe("localCheckInput", () => {
  it("trusts exactly the given key and, without --grant, the capabilities the manifest declares", async () => {
    const { manifest, acme } = await fixture();
    const input = localCheckInput({
      manifest,
      bundle: new Uint8Array(),
      publicKey: { keyId: acme.keyId, publisher: "acme", publicKey: acme.trusted.publicKey },
      runtimeVersion: "1.0.0",
      now: new Date("2026-06-02T00:00:00Z"),
    });
    expect(input.trustStore.keys.map((key) => key.keyId)).toEqual([acme.keyId]);
    expect([...input.grants]).toEqual(["control-plane.core"]);
    const withGrants = localCheckInput({ ...input, publicKey: { keyId: acme.keyId, publisher: "acme", publicKey: acme.trusted.publicKey }, grants: [] });
    const decision = await checkInstall({ ...withGrants, bundle: (await fixture()).input.bundle });
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.firstFailure.code).toBe("CAPABILITY_NOT_GRANTED");
  });
});
