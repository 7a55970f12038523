import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineOperation } from "../../contracts/define.ts";
import { registry } from "../../contracts/index.ts";
import { implementations } from "../../workers/api/handlers/index.ts";
import { mountContracts } from "../../workers/api/mount-contracts.ts";
import { renderProblem } from "../../workers/api/problem.ts";
import type { Env } from "../../workers/env.ts";
import { type Admin, bootstrap, problem } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("nyi-tenant");
});

/** A contract no issue has built: the shared pipeline must answer 501, never a fake success. */
const unbuiltContract = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.test.unbuilt",
    version: "1.0.0",
    stability: "experimental",
    owners: ["control-plane"],
    tags: ["test"],
    description: "A contract declared without a handler.",
    goal: "Exercises the pipeline's answer for declared but unbuilt contracts.",
    context: "Test only.",
  },
  input: z.strictObject({ thingId: z.string() }),
  output: z.strictObject({ ok: z.boolean() }),
  errors: [],
  capability: "control-plane.core",
  http: { method: "POST", path: "/v1/things/{thingId}" },
  emits: [],
});

describe("contracts without a handler", () => {
  it("answer 501 NOT_IMPLEMENTED to an authorised caller, and 401 to anyone else", async () => {
    const app = new Hono<{ Bindings: Env }>();
    mountContracts(app, [unbuiltContract], []);
    app.onError(renderProblem);
    const ask = (key?: string) =>
      app.request("/v1/things/t1", { method: "POST", headers: key === undefined ? {} : { authorization: `Bearer ${key}` } }, env);

    const res = await ask(admin.key);
    expect(res.status).toBe(501);
    expect((await problem(res)).code).toBe("NOT_IMPLEMENTED");
    expect((await ask()).status).toBe(401);
  });

  it("are none among the served v1 contracts", () => {
    const built = new Set(implementations.map((i) => i.contract.meta.key));
    expect(registry.operations().filter((op) => !built.has(op.meta.key)).map((op) => op.meta.key)).toEqual([]);
  });
});
