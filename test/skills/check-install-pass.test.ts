import { describe, expect, it } from "vitest";
import { SkillCheckName } from "../../contracts/skills/report.ts";
import { checkInstall, verifySkill } from "../../engine/skills/check-install.ts";
import { fixture } from "./support/manifests.ts";

describe("checkInstall on a valid skill", () => {
  it("passes every check, in the fixed order, and returns the verified manifest", async () => {
    const { input, manifest } = await fixture();
    const decision = await checkInstall(input);
    expect(decision.checks.map((check) => check.name)).toEqual(SkillCheckName.options);
    expect(decision.checks.every((check) => check.outcome === "pass" && check.ok && check.code === undefined)).toBe(true);
    expect(decision.ok).toBe(true);
    if (decision.ok) expect(decision.manifest).toEqual(manifest);
  });

  it("passes an upgrade over an older installed version and a pre-release of the same version", async () => {
    const { input } = await fixture();
    expect((await checkInstall({ ...input, installedVersion: "1.1.9" })).ok).toBe(true);
    expect((await checkInstall({ ...input, installedVersion: "1.2.0-rc.1" })).ok).toBe(true);
  });

  it("accepts the manifest as parsed JSON, whatever its key order", async () => {
    const { input, manifest } = await fixture();
    const reordered: unknown = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse())));
    expect((await checkInstall({ ...input, manifest: reordered })).ok).toBe(true);
  });

  it("refuses an invalid clock rather than passing the time checks", async () => {
    const { input } = await fixture();
    await expect(checkInstall({ ...input, now: new Date(Number.NaN) })).rejects.toThrow(/valid `now`/);
  });
});

describe("verifySkill", () => {
  it("returns the same report as install, without the manifest", async () => {
    const { input } = await fixture();
    const report = await verifySkill(input);
    const decision = await checkInstall(input);
    expect(report).toEqual({ ok: true, checks: decision.checks });
  });

  it("skips the bundle checks without a bundle and does not count them against ok", async () => {
    const { input } = await fixture();
    const report = await verifySkill({ ...input, bundle: undefined });
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.outcome === "skipped").map((check) => check.name)).toEqual(["bundle_length", "bundle_digest"]);
  });
});
