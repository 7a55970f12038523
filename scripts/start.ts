import { spawn, spawnSync } from "node:child_process";
import { ensureDevVars } from "./local-secrets.ts";

/** `npm start`: secrets if missing, local D1 migrations, then wrangler dev on embedded local state. */
const port = Number(process.env.PORT ?? 8787);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

const added = ensureDevVars(".dev.vars", port);
if (added.length > 0) console.log(`created ${added.join(", ")} in .dev.vars`);

const migrate = spawnSync("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env });
if (migrate.status !== 0) {
  console.error("applying D1 migrations failed");
  process.exit(migrate.status ?? 1);
}

const dev = spawn("wrangler", ["dev", "--ip", "127.0.0.1", "--port", String(port), ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
