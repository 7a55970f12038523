import { z } from "zod";
import { ApiKeyView } from "../common/api-key.ts";
import { invalidCursor } from "../common/errors.ts";
import { PrincipalId } from "../common/ids.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { defineOperation } from "../define.ts";

export const ApiKeyListInput = z.strictObject({
  principalId: PrincipalId.optional().describe("Only keys of this principal"),
  includeRevoked: z.stringbool().default(false).describe("`true` to list revoked keys too"),
  limit: pageLimit(100, 50),
  cursor: Cursor.optional(),
});
export type ApiKeyListInput = z.infer<typeof ApiKeyListInput>;

export const ApiKeyListOutput = page(ApiKeyView);
export type ApiKeyListOutput = z.infer<typeof ApiKeyListOutput>;

export const apiKeyList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.apiKey.list",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "keys"],
    description: "List the tenant's API keys with their grants, never the keys or their hashes.",
    goal: "Lets admins review who holds which credential and capability, and spot keys to revoke.",
    context: "Ordered by creation time, newest first. Shows the public prefix only, so a list can be shared safely.",
  },
  input: ApiKeyListInput,
  output: ApiKeyListOutput,
  errors: [invalidCursor],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/keys" },
  emits: [],
});
