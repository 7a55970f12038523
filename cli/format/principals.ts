import type { PrincipalIdentities } from "../../contracts/common/principal-identity.ts";
import { table } from "./table.ts";

export function identitiesTable(answer: PrincipalIdentities): string {
  return table(
    ["IDENTITY", "SOURCE", "LINKED BY", "LINKED AT"],
    answer.identities.map((i) => [i.identity, i.source, i.linkedBy ?? "-", i.linkedAt ?? "-"]),
    "no identities",
  );
}
