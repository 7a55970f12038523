import { database } from "../db.ts";
import { providerUrlsFromEnv, type ProviderConfig, type ProviderEnv } from "../tools/config.ts";
import { resolveCredentials, type CredentialResolution, type InstallationTokens } from "./resolve.ts";
import type { ConnectionTarget } from "./target.ts";
import { githubAppConfig, type ConnectEnv } from "./config.ts";
import { githubApp } from "./github-app.ts";

/** GitHub App installation tokens when GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY are set. */
function appTokens(env: ConnectEnv): InstallationTokens | undefined {
  const config = githubAppConfig(env);
  return config === undefined ? undefined : githubApp(config, { fetch: (input, init) => fetch(input, init), now: Date.now });
}

export interface StepCredentialsEnv extends ProviderEnv, ConnectEnv {
  DB: D1Database;
}

/** The `credentials` dependency of tool dispatch: each step's configuration resolved from its tenant's installs. */
export function stepCredentials(env: StepCredentialsEnv, base: ProviderConfig, github: InstallationTokens | undefined = appTokens(env)): { resolve(tenantId: string, targets: readonly ConnectionTarget[]): Promise<CredentialResolution> } {
  const deps = { db: database(env.DB), credentialsKey: env.CREDENTIALS_KEY, base, urls: providerUrlsFromEnv(env), github };
  return { resolve: (tenantId, targets) => resolveCredentials(deps, tenantId, targets) };
}
