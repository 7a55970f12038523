import { describe, expect, it } from "vitest";
import { CredentialsKeyError, keyringFrom } from "../../runtime/credentials/keyring.ts";
import { CredentialOpenError, openCredential, sealCredential, sealedKeyId } from "../../runtime/credentials/seal.ts";

const key = (id: string, fill: number) => `${id}:${Buffer.from(new Uint8Array(32).fill(fill)).toString("base64url")}`;

describe("credentials at rest (AES-GCM, rotating key id)", () => {
  it("opens what it sealed, and the sealed text holds neither the secret nor its base64", async () => {
    const ring = await keyringFrom(key("k1", 1));
    const sealed = await sealCredential(ring, "s3cret-token", "mcp-server:t1:records");
    expect(sealed).not.toContain("s3cret");
    expect(sealed).not.toContain(btoa("s3cret-token").slice(0, 8));
    expect(sealedKeyId(sealed)).toBe("k1");
    expect(await openCredential(ring, sealed, "mcp-server:t1:records")).toBe("s3cret-token");
    expect(await sealCredential(ring, "s3cret-token", "mcp-server:t1:records")).not.toBe(sealed);
  });

  it("refuses a flipped bit, another tenant's context, and a key id it does not hold", async () => {
    const ring = await keyringFrom(key("k1", 1));
    const sealed = await sealCredential(ring, "s3cret-token", "mcp-server:t1:records");
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    const flipped = [parts[0], parts[1], parts[2], data.toString("base64url")].join(".");
    await expect(openCredential(ring, flipped, "mcp-server:t1:records")).rejects.toThrow(CredentialOpenError);
    await expect(openCredential(ring, sealed, "mcp-server:t2:records")).rejects.toThrow(CredentialOpenError);
    await expect(openCredential(await keyringFrom(key("k2", 2)), sealed, "mcp-server:t1:records")).rejects.toThrow(/k1/);
    // Same id, other key material: authentication fails rather than yielding garbage.
    await expect(openCredential(await keyringFrom(key("k1", 3)), sealed, "mcp-server:t1:records")).rejects.toThrow(CredentialOpenError);
  });

  it("rotates: a new first key seals, the old one still opens older values", async () => {
    const before = await sealCredential(await keyringFrom(key("k1", 1)), "old", "c");
    const rotated = await keyringFrom(`${key("k2", 2)},${key("k1", 1)}`);
    expect(await openCredential(rotated, before, "c")).toBe("old");
    expect(sealedKeyId(await sealCredential(rotated, "new", "c"))).toBe("k2");
  });

  it("refuses a missing, short or malformed CREDENTIALS_KEY", async () => {
    for (const bad of [undefined, "", "k1", "k1:abc", `k1:${Buffer.from(new Uint8Array(16)).toString("base64url")}`, `bad id:${"A".repeat(43)}`, `${key("k1", 1)},${key("k1", 2)}`]) {
      await expect(keyringFrom(bad)).rejects.toThrow(CredentialsKeyError);
    }
  });
});
