import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { parseJsonc } from "./lib/deploy/jsonc.ts";
import { channelProviders } from "./lib/deploy/providers.ts";
import { type DeployOptions, DeployConfigError, deployPlan, describeCommand, describePlan, resolvedConfig, type Step, type WranglerConfig } from "./lib/deploy/plan.ts";
import { parseDevVars } from "./local-secrets.ts";

/**
 * `npm run deploy -- --env <staging|production> --public-url https://… [--secrets-file f] [--dry-run]`:
 * creates what is missing (D1, R2 buckets, queues), applies D1 migrations remotely, checks the secrets, deploys,
 * and prints the webhook URLs. `--dry-run` prints the commands in order and runs none (works offline).
 * docs/deploy.md walks through it.
 */
const ROOT = join(import.meta.dirname, "..");
/** DEPLOY_WRANGLER_BIN lets the tests put a fake wrangler in its place. */
const WRANGLER = process.env.DEPLOY_WRANGLER_BIN ?? join(ROOT, "node_modules", ".bin", "wrangler");

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    "public-url": { type: "string" },
    "secrets-file": { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});

try {
  const env = values.env;
  if (env === undefined) throw new DeployConfigError("--env is required: staging or production (env sections of wrangler.jsonc)");
  const dryRun = values["dry-run"];
  const publicUrl = values["public-url"] ?? process.env.PUBLIC_BASE_URL;
  if (publicUrl === undefined && !dryRun) {
    throw new DeployConfigError("--public-url is required: the https origin the Worker answers on (custom domain or workers.dev URL)");
  }
  const options: DeployOptions = {
    env,
    publicUrl: publicUrl ?? "https://control-plane.example.invalid",
    ...(values["secrets-file"] === undefined ? {} : { secretsFile: values["secrets-file"] }),
    resolvedConfigPath: `.deploy/wrangler.${env}.json`,
  };
  const config = parseJsonc(readFileSync(join(ROOT, "wrangler.jsonc"), "utf8")) as WranglerConfig;
  const steps = deployPlan(config, options);
  if (dryRun) {
    console.log(`Deploy plan for env.${env} of wrangler.jsonc (dry run: nothing below is run)\n`);
    console.log(describePlan(steps).join("\n"));
    console.log(`\nThen the webhook URLs to give each provider (docs/deploy.md):\n${webhookLines(publicUrl ?? "<--public-url>", null).join("\n")}`);
  } else {
    const configured = await run(config, options, steps);
    console.log(`\nDeployed env.${env} at ${new URL(options.publicUrl).origin}. Webhook URLs (docs/deploy.md says where each goes):`);
    console.log(webhookLines(new URL(options.publicUrl).origin, configured).join("\n"));
  }
} catch (error) {
  if (error instanceof DeployConfigError) {
    console.error(`deploy: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

function webhookLines(origin: string, configured: ReadonlySet<string> | null): string[] {
  return channelProviders.map((provider) => {
    const state = configured === null ? "" : configured.has(provider.name) ? "" : `  (not configured: set ${provider.inbound.join(", ")} to open it)`;
    return `  ${provider.name.padEnd(16)} ${origin}${provider.path}${state}\n  ${"".padEnd(16)} → ${provider.where}`;
  });
}

interface Ran {
  status: number;
  out: string;
}

function wrangler(args: readonly string[], quiet = false): Ran {
  if (!quiet) console.log(`$ ${describeCommand(args)}`);
  const result = spawnSync(WRANGLER, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  return { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

function must(args: readonly string[]): string {
  const ran = wrangler(args);
  if (ran.status !== 0) throw new DeployConfigError(`\`${describeCommand(args)}\` failed:\n${ran.out}`);
  return ran.out;
}

/** Walks the plan; returns the names of the channel providers whose webhook secrets are all set. */
async function run(config: WranglerConfig, options: DeployOptions, steps: readonly Step[]): Promise<Set<string>> {
  const databaseIds = new Map<string, string>();
  const configured = new Set<string>();
  for (const step of steps) {
    console.log(`\n# ${step.what}`);
    switch (step.kind) {
      case "ensure": {
        const found = wrangler(step.check);
        if (found.status === 0) {
          if (step.create.length === 0) console.log(found.out.trim());
          else console.log("exists");
        } else if (step.create.length > 0 && /not (been )?found|does not exist|doesn't exist|10006|11000/i.test(found.out)) {
          must(step.create);
        } else {
          throw new DeployConfigError(`\`${describeCommand(step.check)}\` failed:\n${found.out}`);
        }
        break;
      }
      case "resolve-d1": {
        let id = d1Id(must(step.list), step.name);
        if (id === undefined) {
          must(step.create);
          id = d1Id(must(step.list), step.name);
        }
        if (id === undefined) throw new DeployConfigError(`D1 database ${step.name} still not listed after creating it`);
        console.log(`${step.name}: ${id}`);
        databaseIds.set(step.name, id);
        break;
      }
      case "write-config": {
        const path = join(ROOT, step.path);
        mkdirSync(dirname(path), { recursive: true });
        const prefix = `${relative(dirname(path), ROOT)}/`;
        writeFileSync(path, `${JSON.stringify(resolvedConfig(config, options, databaseIds, prefix), null, 2)}\n`);
        console.log(`wrote ${step.path}`);
        break;
      }
      case "migrate":
      case "deploy":
        console.log(must(step.command).trim());
        break;
      case "check-secrets": {
        const listed = wrangler(step.command);
        // A Worker that does not exist yet has no secrets: the first deploy brings them in a --secrets-file.
        const set = new Set(listed.status === 0 ? secretNames(listed.out) : []);
        for (const name of secretsFileNames(options.secretsFile)) set.add(name);
        const missing = step.required.filter((name) => !set.has(name));
        for (const provider of channelProviders) {
          const present = provider.inbound.filter((name) => set.has(name));
          if (present.length === provider.inbound.length) configured.add(provider.name);
          else if (present.length > 0) missing.push(...provider.inbound.filter((name) => !set.has(name)));
        }
        if (missing.length > 0) {
          throw new DeployConfigError(
            `secrets not set for env.${options.env}: ${missing.join(", ")}\n` +
              `set each with \`npx wrangler secret put <NAME> --env ${options.env}\`, or pass them in --secrets-file (first deploy)`,
          );
        }
        console.log(`required secrets set; channels configured: ${[...configured].join(", ") || "none"}`);
        break;
      }
    }
  }
  return configured;
}

function d1Id(listing: string, name: string): string | undefined {
  const start = listing.indexOf("[");
  const databases = JSON.parse(start === -1 ? "[]" : listing.slice(start)) as { name?: string; uuid?: string }[];
  return databases.find((db) => db.name === name)?.uuid;
}

function secretNames(listing: string): string[] {
  const start = listing.indexOf("[");
  if (start === -1) return [];
  return (JSON.parse(listing.slice(start)) as { name?: string }[]).flatMap((s) => (s.name === undefined ? [] : [s.name]));
}

function secretsFileNames(path: string | undefined): string[] {
  if (path === undefined) return [];
  if (!existsSync(path)) throw new DeployConfigError(`--secrets-file ${path} does not exist`);
  const text = readFileSync(path, "utf8");
  if (text.trimStart().startsWith("{")) return Object.keys(JSON.parse(text) as Record<string, unknown>);
  return [...parseDevVars(text).keys()];
}
