import { describe, expect, it } from "vitest";
import { checkKeyValidity } from "../../engine/skills/key-checks.ts";
import { checkManifestValidity } from "../../engine/skills/validity.ts";
import { testKey } from "./support/keys.ts";
import { fixture, NOW } from "./support/manifests.ts";

// Regression guard: a timestamp that does not parse compares false both ways; it must refuse, not pass.
describe("validity windows fail closed on an unparseable instant", () => {
  it("for keys", async () => {
    const acme = await testKey(1, "acme");
    expect(checkKeyValidity({ ...acme.trusted, notBefore: "garbage" }, NOW)).toMatchObject({ outcome: "fail", code: "KEY_NOT_YET_VALID" });
    expect(checkKeyValidity({ ...acme.trusted, notAfter: "garbage" }, NOW)).toMatchObject({ outcome: "fail", code: "KEY_EXPIRED" });
  });

  it("for manifests", async () => {
    const { manifest } = await fixture();
    expect(checkManifestValidity({ ...manifest, issuedAt: "garbage" }, NOW)).toMatchObject({ outcome: "fail", code: "MANIFEST_NOT_YET_VALID" });
    expect(checkManifestValidity({ ...manifest, expiresAt: "garbage" }, NOW)).toMatchObject({ outcome: "fail", code: "MANIFEST_EXPIRED" });
  });
});
