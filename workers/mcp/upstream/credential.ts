import { keyringFrom } from "../../../runtime/credentials/keyring.ts";
import { openCredential } from "../../../runtime/credentials/seal.ts";
import { credentialContext, type McpServerRow } from "./registered.ts";

/** The server's bearer token in clear, for one call; undefined when none is stored. */
export async function upstreamToken(credentialsKey: string | undefined, row: McpServerRow): Promise<string | undefined> {
  if (row.sealedCredential === null) return undefined;
  return openCredential(await keyringFrom(credentialsKey), row.sealedCredential, credentialContext(row.tenantId, row.name));
}
