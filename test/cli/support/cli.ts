import { spawn } from "node:child_process";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "../../../cli/bin.ts");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const serverUrl = requiredEnv("CPLANE_TEST_URL");
export const bootstrapToken = requiredEnv("CPLANE_TEST_BOOTSTRAP_TOKEN");
export const slackSigningSecret = requiredEnv("CPLANE_TEST_SLACK_SIGNING_SECRET");

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set: run these tests with npm run test:cli`);
  return value;
}

/** Runs `cplane <args>` as its own process, with only the environment given (plus PATH and HOME for a config-less run). */
export function cplane(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: "/nonexistent-cplane-home",
        NO_COLOR: "1",
        ...(process.env.NODE_COMPILE_CACHE === undefined ? {} : { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE }),
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `cplane --json …` answering 0, its stdout parsed. */
export async function cplaneJson(args: readonly string[], env: Record<string, string>): Promise<unknown> {
  const result = await cplane([...args, "--json"], env);
  if (result.code !== 0) throw new Error(`cplane ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
