import { confirmInstallBinding, dropInstallBinding } from "../../runtime/connections/install-binding.ts";
import { saveConnection, type SaveConnection } from "../../runtime/connections/store.ts";
import { CredentialsKeyError, keyringFrom } from "../../runtime/credentials/keyring.ts";
import { ProblemError } from "../api/problem.ts";
import type { Db } from "../db.ts";
import { forgetBinding } from "../ingest/channel-sink.ts";

/**
 * The end of every install flow and provider check: the channel's binding is confirmed for the tenant and its
 * credential stored sealed, or neither. `bindingId` is the channel binding's external id when it differs from
 * the install's (a GitHub installation is bound as `installation:<id>`).
 */
export async function finishInstall(db: Db, credentialsKey: string | undefined, save: SaveConnection, now: Date, bindingId = save.externalId): Promise<void> {
  // Checked before anything changes, so a deployment without CREDENTIALS_KEY leaves an existing binding as it was.
  if (save.credential !== null) {
    try {
      await keyringFrom(credentialsKey);
    } catch (error) {
      if (error instanceof CredentialsKeyError) throw new ProblemError(503, "CREDENTIALS_NOT_CONFIGURED", `Credentials cannot be stored: ${error.message}.`);
      throw error;
    }
  }
  const installationId = save.provider === "github" ? save.externalId : undefined;
  const bound = await confirmInstallBinding(db, save.tenantId, save.provider, bindingId, now, installationId);
  if (!bound.ok) {
    throw new ProblemError(409, bound.code, bound.code === "BINDING_TAKEN" ? "This channel is bound to another tenant." : "A repository of this installation is bound separately.");
  }
  const saved = await saveConnection(db, credentialsKey, save, now);
  if (!saved.ok) {
    await dropInstallBinding(db, save.provider, bindingId, save.tenantId);
    throw new ProblemError(409, "CONNECTION_TAKEN", "Another tenant holds this install.");
  }
  forgetBinding(save.provider, bindingId);
}
