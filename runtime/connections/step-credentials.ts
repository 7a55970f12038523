import { database } from "../../workers/db.ts";
import { providerUrlsFromEnv, type ProviderConfig, type ProviderEnv } from "../../workers/tools/config.ts";
import { resolveCredentials, type CredentialResolution, type InstallationTokens } from "./resolve.ts";
import type { ConnectionTarget } from "./target.ts";

export interface StepCredentialsEnv extends ProviderEnv {
  DB: D1Database;
  CREDENTIALS_KEY?: string | undefined;
}

/** The `credentials` dependency of tool dispatch: each step's configuration resolved from its tenant's installs. */
export function stepCredentials(env: StepCredentialsEnv, base: ProviderConfig, github?: InstallationTokens): { resolve(tenantId: string, targets: readonly ConnectionTarget[]): Promise<CredentialResolution> } {
  const deps = { db: database(env.DB), credentialsKey: env.CREDENTIALS_KEY, base, urls: providerUrlsFromEnv(env), github };
  return { resolve: (tenantId, targets) => resolveCredentials(deps, tenantId, targets) };
}
