import { confirmInstallBinding, dropInstallBinding } from "../../runtime/connections/install-binding.ts";
import { saveConnection, type SaveConnection } from "../../runtime/connections/store.ts";
import { CredentialsKeyError } from "../../runtime/credentials/keyring.ts";
import { ProblemError } from "../api/problem.ts";
import type { Db } from "../db.ts";
import { forgetBinding } from "../ingest/channel-sink.ts";

/**
 * The end of every install flow and provider check: the channel's binding is confirmed for the tenant and its
 * credential stored sealed, or neither. `bindingId` is the channel binding's external id when it differs from
 * the install's (a GitHub installation is bound as `installation:<id>`).
 */
export async function finishInstall(db: Db, credentialsKey: string | undefined, save: SaveConnection, now: Date, bindingId = save.externalId): Promise<void> {
  const installationId = save.provider === "github" ? save.externalId : undefined;
  const bound = await confirmInstallBinding(db, save.tenantId, save.provider, bindingId, now, installationId);
  if (!bound.ok) {
    throw new ProblemError(409, bound.code, bound.code === "BINDING_TAKEN" ? "This channel is bound to another tenant." : "A repository of this installation is bound separately.");
  }
  let saved;
  try {
    saved = await saveConnection(db, credentialsKey, save, now);
  } catch (error) {
    if (error instanceof CredentialsKeyError) {
      await dropInstallBinding(db, save.provider, bindingId, save.tenantId);
      throw new ProblemError(503, "CREDENTIALS_NOT_CONFIGURED", `Credentials cannot be stored: ${error.message}.`);
    }
    throw error;
  }
  if (!saved.ok) {
    await dropInstallBinding(db, save.provider, bindingId, save.tenantId);
    throw new ProblemError(409, "CONNECTION_TAKEN", "Another tenant holds this install.");
  }
  forgetBinding(save.provider, bindingId);
}
