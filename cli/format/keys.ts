import type { ApiKeyView } from "../../contracts/common/api-key.ts";
import { orDash, table } from "./table.ts";

export function keysTable(keys: readonly ApiKeyView[]): string {
  return table(
    ["KEY ID", "NAME", "PREFIX", "PRINCIPAL", "CAPABILITIES", "EXPIRES", "REVOKED"],
    keys.map((k) => [k.keyId, k.name, k.prefix, k.principalId, k.capabilities.join(","), orDash(k.expiresAt), orDash(k.revokedAt)]),
    "no keys",
  );
}
