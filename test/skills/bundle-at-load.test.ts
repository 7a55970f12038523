import { describe, expect, it } from "vitest";
import { checkBundleAtLoad } from "../../engine/skills/bundle.ts";
import { BUNDLE, fixture } from "./support/manifests.ts";

describe("checkBundleAtLoad", () => {
  it("accepts the bytes the manifest names", async () => {
    const { manifest } = await fixture();
    expect(checkBundleAtLoad(manifest, BUNDLE)).toEqual({ ok: true });
  });

  it("refuses a bundle swapped after install: same length, other bytes", async () => {
    const { manifest } = await fixture();
    const swapped = BUNDLE.slice();
    swapped[0] = (swapped[0] ?? 0) ^ 0xff;
    expect(checkBundleAtLoad(manifest, swapped)).toMatchObject({ ok: false, code: "BUNDLE_DIGEST_MISMATCH" });
  });

  it("refuses a bundle of another length before hashing it", async () => {
    const { manifest } = await fixture();
    expect(checkBundleAtLoad(manifest, new Uint8Array(0))).toMatchObject({ ok: false, code: "BUNDLE_LENGTH_MISMATCH" });
  });
});
