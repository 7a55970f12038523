import { readFileSync } from "node:fs";

/** Defined by scripts/build-cli.ts in the packaged bundle; absent when cplane runs from the repository's sources. */
declare const CPLANE_VERSION: string | undefined;

export function cliVersion(): string {
  if (typeof CPLANE_VERSION === "string") return CPLANE_VERSION;
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
