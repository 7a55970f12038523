import { describe, expect, it } from "vitest";
import { keyFiles, PublicKeyFile, readSigningKey } from "../../cli/skills/key-files.ts";
import { testKey } from "./support/keys.ts";
import privateKeyFile from "../fixtures/skills/test-only-acme.key.json";
import publicKeyFile from "../fixtures/skills/test-only-acme.pub.json";

describe("key files (cplane skills keygen)", () => {
  it("derive the key id from publisher and public key, and carry no secret in the public file", async () => {
    const acme = await testKey(1, "acme");
    const files = keyFiles("acme", acme.privateKey, acme.publicKey);
    expect(files.public).toEqual({ keyId: acme.keyId, publisher: "acme", publicKey: acme.trusted.publicKey });
    expect(files.private).toMatchObject(files.public);
    expect(Object.keys(files.public)).not.toContain("privateKey");
  });

  it("read back into a signing key that matches its public half", async () => {
    const acme = await testKey(1, "acme");
    const read = await readSigningKey(keyFiles("acme", acme.privateKey, acme.publicKey).private);
    expect(read).toEqual({ ok: true, key: { keyId: acme.keyId, publisher: "acme", privateKey: acme.privateKey, publicKey: acme.publicKey } });
  });

  it("refuse a file whose private key, public key or key id do not belong together", async () => {
    const acme = await testKey(1, "acme");
    const globex = await testKey(2, "globex");
    const good = keyFiles("acme", acme.privateKey, acme.publicKey).private;
    const otherSeed = keyFiles("acme", globex.privateKey, acme.publicKey).private;
    expect(await readSigningKey(otherSeed)).toMatchObject({ ok: false, error: expect.stringMatching(/does not match the publicKey/) });
    expect(await readSigningKey({ ...good, keyId: "acme-0000000000000000" })).toMatchObject({ ok: false });
    expect(await readSigningKey({ ...good, publisher: "globex" })).toMatchObject({ ok: false });
    expect(await readSigningKey({ keyId: good.keyId })).toMatchObject({ ok: false });
  });

  it("the committed test-only fixture pair is consistent", async () => {
    const read = await readSigningKey(privateKeyFile);
    expect(read.ok).toBe(true);
    expect(PublicKeyFile.parse(publicKeyFile).keyId).toBe(privateKeyFile.keyId);
  });
});
