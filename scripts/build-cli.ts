import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/**
 * `npm run build:cli`: bundles `cplane` (cli/bin.ts with everything it imports) into one JavaScript file,
 * cli/package/dist/cplane.js, for Node 22, and writes cli/package/package.json with the root's version.
 * `npm pack ./cli/package` then gives a tarball that installs and runs with nothing else (docs/cli.md).
 */
const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "cli", "package");

export async function buildCli(): Promise<string> {
  const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; engines: { node: string } };
  await build({
    entryPoints: [join(ROOT, "cli", "bin.ts")],
    outfile: join(OUT, "dist", "cplane.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: false,
    legalComments: "none",
    define: { CPLANE_VERSION: JSON.stringify(root.version) },
    logLevel: "warning",
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: 'import { createRequire as __cplaneRequire } from "node:module"; const require = __cplaneRequire(import.meta.url);' },
  });
  const manifest = {
    name: "cplane",
    version: root.version,
    description: "Control Plane operator CLI",
    type: "module",
    bin: { cplane: "dist/cplane.js" },
    files: ["dist"],
    engines: root.engines,
    // Everything cplane needs at run time is bundled into dist/cplane.js.
    dependencies: {},
    license: "UNLICENSED",
  };
  writeFileSync(join(OUT, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return OUT;
}

if (import.meta.main) {
  console.log(`built ${await buildCli()}`);
}
