import { describe, expect, it } from "vitest";
import { bootstrap, call, problem } from "../support/api.ts";

describe("agent keys", () => {
  it("creates the key's principal as an agent when asked, and as a service otherwise", async () => {
    const admin = await bootstrap("agent-keys");
    const agent = await call("POST", "/v1/keys", { key: admin.key, body: { name: "claude", capabilities: ["control-plane.core"], principalType: "agent" } });
    expect(agent.status).toBe(201);
    const service = await call("POST", "/v1/keys", { key: admin.key, body: { name: "ci", capabilities: ["control-plane.core"] } });
    const principals = (await (await call("GET", "/v1/principals", { key: admin.key })).json()) as { items: { principalId: string; type: string }[] };
    const typeOf = (id: string) => principals.items.find((p) => p.principalId === id)?.type;
    expect(typeOf(((await agent.json()) as { principalId: string }).principalId)).toBe("agent");
    expect(typeOf(((await service.json()) as { principalId: string }).principalId)).toBe("service");
  });

  it("refuses principalType for an existing principal: the type belongs to the principal, not the key", async () => {
    const admin = await bootstrap("agent-keys-existing");
    const res = await call("POST", "/v1/keys", { key: admin.key, body: { name: "x", capabilities: ["control-plane.core"], principalId: admin.principalId, principalType: "agent" } });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.path).toBe("principalType");
  });
});
