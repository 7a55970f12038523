import { describe, expect, it } from "vitest";
import { RevocationList, TrustStore } from "../../contracts/skills/trust.ts";
import { testKey } from "./support/keys.ts";

describe("the trust store schemas", () => {
  it("accept a store of keys bound to publishers and a revocation list", async () => {
    const acme = await testKey(1, "acme");
    expect(TrustStore.safeParse({ keys: [acme.trusted] }).success).toBe(true);
    expect(
      RevocationList.safeParse({
        revokedKeys: [{ keyId: acme.keyId, at: "2026-06-01T00:00:00Z", reason: "leaked" }],
        revokedVersions: [{ skill: "acme/echo", version: "1.0.0", reason: "bug" }],
      }).success,
    ).toBe(true);
  });

  it("refuse duplicate key ids, so a key id names one key", async () => {
    const acme = await testKey(1, "acme");
    expect(TrustStore.safeParse({ keys: [acme.trusted, acme.trusted] }).success).toBe(false);
  });

  it("refuse a validity window that ends before it starts", async () => {
    const acme = await testKey(1, "acme", { notBefore: "2027-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
    expect(TrustStore.safeParse({ keys: [acme.trusted] }).success).toBe(false);
  });
});
