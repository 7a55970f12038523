import { mkdir, readFile, writeFile } from "node:fs/promises";
import { CliError, EXIT } from "./exit.ts";

function reason(error: unknown): string {
  if (error instanceof Error && "code" in error && error.code === "ENOENT") return "no such file";
  return error instanceof Error ? error.message : String(error);
}

export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot read ${what} ${path}: ${reason(error)}`);
  }
}

export async function readJson(path: string, what: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(path, what));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT.usage, `${what} ${path} is not JSON: ${reason(error)}`);
  }
}

/** Writes a file that must not exist yet (keys are never silently replaced). */
export async function writeNewFile(path: string, text: string, mode: number): Promise<void> {
  try {
    await writeFile(path, text, { mode, flag: "wx" });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") {
      throw new CliError(EXIT.usage, `${path} already exists; refusing to overwrite it`);
    }
    throw new CliError(EXIT.usage, `cannot write ${path}: ${reason(error)}`);
  }
}

export async function writeTextFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot write ${path}: ${reason(error)}`);
  }
}

export async function ensureDirectory(path: string, mode: number): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode });
  } catch (error) {
    throw new CliError(EXIT.usage, `cannot create directory ${path}: ${reason(error)}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
