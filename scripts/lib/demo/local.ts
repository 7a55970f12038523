import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, startLocalWorker } from "../../../test/cli/support/worker.ts";
import { say, step } from "./output.ts";

// Nothing leaves the machine: no `Request.cf` lookup at workers.cloudflare.com, no wrangler metrics; quiet logs.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
process.env.WRANGLER_LOG ??= "error";

/** Cleanups still owed, newest last; run by `finally` blocks, or on Ctrl-C by the signal handler below. */
const owed: (() => Promise<void>)[] = [];
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\ndemo interrupted (${signal}), cleaning up`);
    void (async () => {
      for (const cleanup of owed.reverse()) await cleanup().catch(() => undefined);
      process.exit(130);
    })();
  });
}

/** Registers a cleanup for Ctrl-C; the caller still runs it in its own `finally`. */
export function owe(cleanup: () => Promise<void>): void {
  owed.push(cleanup);
}

/**
 * The local control plane (wrangler, embedded D1/R2/DOs/queues in a temp dir, migrated) with `vars` as its
 * configuration, for the length of `story`; then the Worker and the temp dir go, whatever happened.
 */
export async function withLocalControlPlane(title: string, vars: Record<string, string>, story: (base: string) => Promise<void>): Promise<void> {
  const persistDir = mkdtempSync(join(tmpdir(), "cplane-demo-"));
  const removeDir = async () => rmSync(persistDir, { recursive: true, force: true });
  owe(removeDir);
  // wrangler's own signal handling may exit the process before the cleanups above finish: the temp dir goes anyway.
  process.once("exit", () => rmSync(persistDir, { recursive: true, force: true }));
  try {
    step(title);
    await migrate(persistDir);
    const worker = await startLocalWorker(persistDir, vars);
    owe(worker.dispose);
    try {
      say(`Worker at ${worker.url}`);
      await story(worker.url);
    } finally {
      await worker.dispose();
    }
  } finally {
    await removeDir();
    owed.length = 0;
  }
}
