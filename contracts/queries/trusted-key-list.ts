import { z } from "zod";
import { invalidCursor } from "../common/errors.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { TrustedKeyStatus, TrustedKeyView } from "../common/trusted-key.ts";
import { defineOperation } from "../define.ts";
import { PublisherId } from "../skills/names.ts";

export const TrustedKeyListInput = z.strictObject({
  publisher: PublisherId.optional().describe("Only keys of this publisher namespace"),
  status: TrustedKeyStatus.optional().describe("Only keys in this status"),
  limit: pageLimit(100, 50),
  cursor: Cursor.optional(),
});
export type TrustedKeyListInput = z.infer<typeof TrustedKeyListInput>;

export const TrustedKeyListOutput = page(TrustedKeyView);
export type TrustedKeyListOutput = z.infer<typeof TrustedKeyListOutput>;

export const trustedKeyList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.trustedKey.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust"],
    description: "List the tenant's trusted publisher keys, revoked ones included.",
    goal: "Shows whose signatures the tenant accepts, for which namespace and until when.",
    context: "Ordered by key id. Revoked keys stay listed with revokedAt and the reason: they are the key revocation list.",
  },
  input: TrustedKeyListInput,
  output: TrustedKeyListOutput,
  errors: [invalidCursor],
  capability: "control-plane.skill-registry",
  http: { method: "GET", path: "/v1/trusted-keys" },
  emits: [],
});
