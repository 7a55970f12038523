import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deactivateConnection, openConnection, saveConnection } from "../../runtime/connections/store.ts";
import { CredentialOpenError } from "../../runtime/credentials/seal.ts";
import { database } from "../../workers/db.ts";
import { bootstrap } from "../support/api.ts";

const db = database(env.DB);
const now = new Date("2026-12-04T12:00:00Z");
const token = "xoxb-tenant-a-very-secret-bot-token";

/** Every byte of every column of the row, as D1 holds it. */
async function rawRow(provider: string, externalId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT * FROM connections WHERE provider = ? AND external_id = ?").bind(provider, externalId).first();
  return JSON.stringify(row);
}

describe("connections: credentials at rest", () => {
  it("stores only the sealed credential: the raw D1 row holds neither the token nor its base64", async () => {
    await bootstrap("rest-a");
    const saved = await saveConnection(db, env.CREDENTIALS_KEY, { tenantId: "rest-a", provider: "slack", externalId: "T0REST", credential: token, details: { team: "Rest" }, installedBy: "p1" }, now);
    expect(saved.ok).toBe(true);
    const raw = await rawRow("slack", "T0REST");
    expect(raw).toContain("T0REST");
    expect(raw).not.toContain(token);
    expect(raw).not.toContain("very-secret");
    expect(raw).not.toContain(btoa(token).slice(0, 16));
    expect(raw).not.toContain(Buffer.from(token).toString("base64url").slice(0, 16));
    expect(raw).not.toContain(Buffer.from(token).toString("hex").slice(0, 16));
    if (!saved.ok) return;
    expect(saved.row.keyId).toBe("test1");
    expect(await openConnection(env.CREDENTIALS_KEY, saved.row)).toBe(token);
  });

  it("a sealed credential copied into another tenant's row does not open there", async () => {
    await bootstrap("rest-b");
    await saveConnection(db, env.CREDENTIALS_KEY, { tenantId: "rest-b", provider: "slack", externalId: "T0OTHER", credential: "xoxb-b", details: {}, installedBy: "p2" }, now);
    const a = await env.DB.prepare("SELECT sealed_credential FROM connections WHERE external_id = 'T0REST'").first<{ sealed_credential: string }>();
    await env.DB.prepare("UPDATE connections SET sealed_credential = ? WHERE external_id = 'T0OTHER'").bind(a?.sealed_credential ?? "").run();
    const row = await db.query.connections.findFirst({ where: (c, { eq }) => eq(c.externalId, "T0OTHER") });
    if (row === undefined) throw new Error("row missing");
    await expect(openConnection(env.CREDENTIALS_KEY, row)).rejects.toThrow(CredentialOpenError);
  });

  it("an install another tenant holds active is refused; once inactive it can be installed again", async () => {
    const taken = await saveConnection(db, env.CREDENTIALS_KEY, { tenantId: "rest-b", provider: "slack", externalId: "T0REST", credential: "xoxb-steal", details: {}, installedBy: "p2" }, now);
    expect(taken).toEqual({ ok: false, code: "CONNECTION_TAKEN" });
    const inactive = await deactivateConnection(db, "slack", "T0REST", now);
    expect(inactive?.status).toBe("inactive");
    expect(inactive?.sealedCredential).toBeNull();
    if (inactive !== undefined) expect(await openConnection(env.CREDENTIALS_KEY, inactive)).toBeUndefined();
    const again = await saveConnection(db, env.CREDENTIALS_KEY, { tenantId: "rest-b", provider: "slack", externalId: "T0REST", credential: "xoxb-new", details: {}, installedBy: "p2" }, now);
    expect(again.ok && again.row.tenantId).toBe("rest-b");
  });
});
