import { Hono } from "hono";
import { buildOpenApi, registry } from "../../contracts/index.ts";
import { database } from "../db.ts";
import type { Env } from "../env.ts";
import { authenticate } from "./authenticate.ts";
import { implementations } from "./handlers/index.ts";
import { mountContracts } from "./mount-contracts.ts";
import { boundedBody } from "../http/body-limit.ts";

/** Largest operator API request body; plans of 500 steps fit well within it. */
export const API_BODY_LIMIT = 256 * 1024;

export function operatorApi(): Hono<{ Bindings: Env }> {
  const api = new Hono<{ Bindings: Env }>();
  api.use("/v1/*", boundedBody(API_BODY_LIMIT));
  const openApi = buildOpenApi(registry);
  // Any valid key may read the API description; DESIGN.md keeps /healthz the only open operator route.
  api.get("/v1/openapi.json", async (c) => {
    await authenticate(database(c.env.DB), c.req.header("authorization"), new Date());
    return c.json(openApi);
  });
  mountContracts(api, registry.operations(), implementations);
  return api;
}
