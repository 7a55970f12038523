/**
 * What `npm run deploy` does, as data: the ordered wrangler commands for one environment of wrangler.jsonc.
 * `--dry-run` prints this list; a real run walks it (scripts/deploy.ts). Pure: no process, file or network.
 */
export interface WranglerConfig {
  main: string;
  env?: Record<string, EnvConfig>;
  [key: string]: unknown;
}

export interface EnvConfig {
  vars?: Record<string, string>;
  secrets?: { required?: string[] };
  d1_databases?: { binding: string; database_name: string; database_id?: string; migrations_dir?: string }[];
  r2_buckets?: { binding: string; bucket_name: string }[];
  queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
  routes?: unknown[];
  [key: string]: unknown;
}

export type Step =
  /** Runs `check`; when `exists` says the resource is not there, runs `create`. */
  | { kind: "ensure"; what: string; check: string[]; create: string[] }
  | { kind: "resolve-d1"; what: string; name: string; list: string[]; create: string[] }
  | { kind: "write-config"; what: string; path: string }
  | { kind: "migrate"; what: string; command: string[] }
  | { kind: "check-secrets"; what: string; command: string[]; required: string[] }
  | { kind: "deploy"; what: string; command: string[] };

export interface DeployOptions {
  env: string;
  publicUrl: string;
  secretsFile?: string;
  /** Where the resolved config is written, relative to the repository root. */
  resolvedConfigPath: string;
}

export class DeployConfigError extends Error {
  override readonly name = "DeployConfigError";
}

export function envSection(config: WranglerConfig, env: string): EnvConfig {
  const section = config.env?.[env];
  if (section === undefined) {
    throw new DeployConfigError(`wrangler.jsonc has no env.${env}; environments: ${Object.keys(config.env ?? {}).join(", ") || "none"}`);
  }
  return section;
}

export function publicUrlOf(raw: string): URL {
  if (!URL.canParse(raw)) throw new DeployConfigError(`--public-url must be an https URL, got "${raw}"`);
  const url = new URL(raw);
  if (url.protocol !== "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw new DeployConfigError(`--public-url must be a public https URL, got "${raw}"`);
  }
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") throw new DeployConfigError("--public-url must be an origin (no path)");
  return url;
}

/** Every queue the environment names (producers, consumers, dead-letter queues), dead-letter queues first. */
export function queuesOf(section: EnvConfig): string[] {
  const consumers = section.queues?.consumers ?? [];
  const dlqs = consumers.flatMap((c) => (c.dead_letter_queue === undefined ? [] : [c.dead_letter_queue]));
  const others = [...(section.queues?.producers ?? []).map((p) => p.queue), ...consumers.map((c) => c.queue)];
  return [...new Set([...dlqs, ...others])];
}

export function requiredSecrets(section: EnvConfig): string[] {
  return section.secrets?.required ?? [];
}

export function deployPlan(config: WranglerConfig, options: DeployOptions): Step[] {
  const section = envSection(config, options.env);
  const envFlag = ["--env", options.env];
  const withConfig = [...envFlag, "--config", options.resolvedConfigPath];
  const steps: Step[] = [{ kind: "ensure", what: "who deploys, to which account", check: ["whoami"], create: [] }];
  for (const db of section.d1_databases ?? []) {
    steps.push({
      kind: "resolve-d1",
      what: `D1 database ${db.database_name}; its id goes into the resolved config`,
      name: db.database_name,
      list: ["d1", "list", "--json"],
      create: ["d1", "create", db.database_name],
    });
  }
  for (const bucket of section.r2_buckets ?? []) {
    steps.push({ kind: "ensure", what: `R2 bucket ${bucket.bucket_name}`, check: ["r2", "bucket", "info", bucket.bucket_name], create: ["r2", "bucket", "create", bucket.bucket_name] });
  }
  for (const queue of queuesOf(section)) {
    steps.push({ kind: "ensure", what: `queue ${queue}`, check: ["queues", "info", queue], create: ["queues", "create", queue] });
  }
  steps.push({
    kind: "write-config",
    what: "wrangler.jsonc with the D1 id, PUBLIC_BASE_URL, TWILIO_WEBHOOK_URL and the custom domain filled in",
    path: options.resolvedConfigPath,
  });
  for (const db of section.d1_databases ?? []) {
    steps.push({ kind: "migrate", what: `D1 migrations on ${db.database_name}`, command: ["d1", "migrations", "apply", db.binding, "--remote", ...withConfig] });
  }
  steps.push({
    kind: "check-secrets",
    what: "every required secret is set (secrets.required, and each channel's secrets all or none)",
    command: ["secret", "list", "--format", "json", ...withConfig],
    required: requiredSecrets(section),
  });
  const secretsFile = options.secretsFile === undefined ? [] : ["--secrets-file", options.secretsFile];
  steps.push({ kind: "deploy", what: "upload and deploy the Worker", command: ["deploy", ...withConfig, ...secretsFile] });
  return steps;
}

/** Top-level keys that environments do not inherit (each env restates them): the local values stay out of a deploy. */
const LOCAL_ONLY = new Set(["$schema", "vars", "secrets", "durable_objects", "d1_databases", "r2_buckets", "kv_namespaces", "queues", "worker_loaders", "env"]);

/**
 * The config wrangler deploys: wrangler.jsonc with the environment's database id, public URLs and, for a
 * hostname outside workers.dev, a custom domain route. Paths are rewritten for the file's own directory.
 */
export function resolvedConfig(config: WranglerConfig, options: DeployOptions, databaseIds: ReadonlyMap<string, string>, pathPrefix: string): WranglerConfig {
  const section = envSection(config, options.env);
  const url = publicUrlOf(options.publicUrl);
  const origin = url.origin;
  const d1 = (section.d1_databases ?? []).map((db) => {
    const id = databaseIds.get(db.database_name);
    if (id === undefined) throw new DeployConfigError(`no id for D1 database ${db.database_name}`);
    return { ...db, database_id: id, ...(db.migrations_dir === undefined ? {} : { migrations_dir: pathPrefix + db.migrations_dir }) };
  });
  const customDomain = url.hostname.endsWith(".workers.dev") ? {} : { routes: [{ pattern: url.hostname, custom_domain: true }] };
  const resolvedSection: EnvConfig = {
    ...section,
    ...customDomain,
    vars: { ...section.vars, PUBLIC_BASE_URL: origin, TWILIO_WEBHOOK_URL: `${origin}/webhooks/twilio` },
    d1_databases: d1,
  };
  const inheritable = Object.fromEntries(Object.entries(config).filter(([key]) => !LOCAL_ONLY.has(key)));
  return { ...inheritable, main: pathPrefix + config.main, env: { [options.env]: resolvedSection } };
}

export function describeCommand(args: readonly string[]): string {
  return ["wrangler", ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(" ");
}

/** The plan as numbered lines: what `--dry-run` prints. */
export function describePlan(steps: readonly Step[]): string[] {
  const lines: string[] = [];
  let n = 0;
  const line = (text: string, why: string) => lines.push(`${String(++n).padStart(2)}. ${text}\n      ${why}`);
  for (const step of steps) {
    switch (step.kind) {
      case "ensure":
        line(describeCommand(step.check), step.what);
        if (step.create.length > 0) line(describeCommand(step.create), `only if step ${n} finds no ${step.what}`);
        break;
      case "resolve-d1":
        line(describeCommand(step.list), step.what);
        line(describeCommand(step.create), `only if step ${n} does not list ${step.name}`);
        break;
      case "write-config":
        line(`write ${step.path}`, step.what);
        break;
      case "migrate":
      case "deploy":
        line(describeCommand(step.command), step.what);
        break;
      case "check-secrets":
        line(describeCommand(step.command), `${step.what}; stops before deploying if one is missing`);
        break;
    }
  }
  return lines;
}
