import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../workers/env.ts";

declare global {
  namespace Cloudflare {
    // The generated Cloudflare.Env (worker-configuration.d.ts) already has the configured bindings.
    interface Env extends Omit<WorkerEnv, keyof WranglerEnv> {
      TEST_MIGRATIONS: D1Migration[];
      STANDIN: Fetcher;
    }
  }
}
