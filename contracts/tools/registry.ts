import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import semver from "semver";
import { z } from "zod";
import type { ToolContract } from "./define.ts";

export interface ToolRegistry {
  /**
   * Digest of every tool's key, version, schemas, risk, side-effect class, idempotency and tags.
   * Plan ids derive from it, so a plan compiled against other tools never matches this registry.
   */
  readonly version: string;
  get(key: string, version: string): ToolContract | undefined;
  /** The highest version registered under `key`. */
  latest(key: string): ToolContract | undefined;
  /** `key` (the latest version) or `key@version` (exactly that version). */
  resolve(ref: string): ToolContract | undefined;
  /** Sorted by key, then by version. */
  list(): readonly ToolContract[];
}

export class ToolRegistryError extends Error {
  override readonly name = "ToolRegistryError";
}

/** Builds a registry, refusing duplicate key/version pairs and invalid versions at construction. */
export function createToolRegistry(tools: readonly ToolContract[]): ToolRegistry {
  const byId = new Map<string, ToolContract>();
  for (const tool of tools) {
    if (semver.valid(tool.version) !== tool.version) {
      throw new ToolRegistryError(`tool ${tool.key}: version ${JSON.stringify(tool.version)} is not semver`);
    }
    const id = `${tool.key}@${tool.version}`;
    if (byId.has(id)) throw new ToolRegistryError(`tool ${id} is registered twice`);
    byId.set(id, tool);
  }
  const sorted = [...byId.values()].sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : semver.compare(a.version, b.version)),
  );
  const latestByKey = new Map<string, ToolContract>();
  for (const tool of sorted) latestByKey.set(tool.key, tool);
  const version = registryDigest(sorted);

  return {
    version,
    get: (key, v) => byId.get(`${key}@${v}`),
    latest: (key) => latestByKey.get(key),
    resolve(ref) {
      const at = ref.lastIndexOf("@");
      return at > 0 ? byId.get(ref) : latestByKey.get(ref);
    },
    list: () => sorted,
  };
}

/** The part of a tool that changes what a compiled plan means; the description does not. */
function fingerprint(tool: ToolContract): unknown {
  return {
    key: tool.key,
    version: tool.version,
    input: z.toJSONSchema(tool.input, { io: "input" }),
    output: z.toJSONSchema(tool.output, { io: "output" }),
    risk: tool.risk,
    sideEffect: tool.sideEffect,
    idempotency: tool.idempotency,
    tags: tool.tags,
  };
}

// Contracts may not import engine/, so this repeats engine's digestOf (RFC 8785 JSON, SHA-256, hex).
function registryDigest(tools: readonly ToolContract[]): string {
  const text = canonicalize(tools.map(fingerprint));
  if (text === undefined) throw new ToolRegistryError("tool registry has no canonical form");
  return bytesToHex(sha256(utf8ToBytes(text)));
}
