import semver from "semver";
import { z } from "zod";
import type { AnyContract, CapabilityContract, EventContract, OperationContract } from "./define.ts";

const stabilities = new Set(["experimental", "beta", "stable", "deprecated"]);
const pathParam = /\{([A-Za-z0-9_]+)\}/g;

/** The parameter names of a binding path, in order: `/v1/executions/{executionId}` → `["executionId"]`. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(pathParam)].map((m) => m[1] ?? "");
}

/** A construction-time failure; `problems` lists every inconsistency found, not only the first. */
export class RegistryError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid contract registry:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RegistryError";
    this.problems = problems;
  }
}

const label = (c: AnyContract) => `${c.kind} ${c.meta.key}@${c.meta.version}`;

/**
 * The contracts of one deployment, indexed by key and version. Construction refuses an inconsistent
 * set (duplicate versions, dangling event or capability references, clashing HTTP bindings), so a
 * registry that exists is one the router, docs and OpenAPI can trust without checking again.
 */
export class ContractRegistry {
  readonly #byKey = new Map<string, AnyContract[]>();
  readonly #all: readonly AnyContract[];

  constructor(contracts: readonly AnyContract[]) {
    const problems: string[] = [];
    for (const c of contracts) problems.push(...checkMeta(c));
    const valid = contracts.filter((c) => semver.valid(c.meta.version) !== null);

    for (const c of valid) {
      const versions = this.#byKey.get(c.meta.key) ?? [];
      const twin = versions.find((v) => v.meta.version === c.meta.version);
      if (twin) problems.push(`duplicate ${label(c)}`);
      else if (versions.some((v) => v.kind !== c.kind)) {
        problems.push(`${c.meta.key} is declared both as ${versions[0]?.kind} and as ${c.kind}`);
      } else this.#byKey.set(c.meta.key, [...versions, c]);
    }
    for (const versions of this.#byKey.values()) versions.sort((a, b) => semver.compare(a.meta.version, b.meta.version));
    this.#all = [...this.#byKey.keys()].sort().flatMap((k) => this.#byKey.get(k) ?? []);

    problems.push(...this.#checkReferences(), ...this.#checkBindings());
    if (problems.length > 0) throw new RegistryError(problems);
  }

  /** Every contract, ordered by key, then by version ascending. */
  all(): readonly AnyContract[] {
    return this.#all;
  }

  operations(): readonly OperationContract[] {
    return this.#all.filter((c): c is OperationContract => c.kind === "command" || c.kind === "query");
  }

  events(): readonly EventContract[] {
    return this.#all.filter((c): c is EventContract => c.kind === "event");
  }

  capabilities(): readonly CapabilityContract[] {
    return this.#all.filter((c): c is CapabilityContract => c.kind === "capability");
  }

  /** Versions of a key, ascending; empty when the key is unknown. */
  versions(key: string): string[] {
    return (this.#byKey.get(key) ?? []).map((c) => c.meta.version);
  }

  /** The contract at an exact version, or the highest version by semver when `version` is omitted. */
  get(key: string, version?: string): AnyContract | undefined {
    const versions = this.#byKey.get(key) ?? [];
    if (version === undefined) return versions[versions.length - 1];
    return versions.find((c) => c.meta.version === version);
  }

  getOperation(key: string, version?: string): OperationContract | undefined {
    const c = this.get(key, version);
    return c?.kind === "command" || c?.kind === "query" ? c : undefined;
  }

  getEvent(key: string, version?: string): EventContract | undefined {
    const c = this.get(key, version);
    return c?.kind === "event" ? c : undefined;
  }

  getCapability(key: string, version?: string): CapabilityContract | undefined {
    const c = this.get(key, version);
    return c?.kind === "capability" ? c : undefined;
  }

  /** Operations that may emit the event, and operations that require the capability: the reverse edges. */
  emitters(eventKey: string): readonly OperationContract[] {
    return this.operations().filter((op) => op.emits.includes(eventKey));
  }

  requirers(capabilityKey: string): readonly OperationContract[] {
    return this.operations().filter((op) => op.capability === capabilityKey);
  }

  #checkReferences(): string[] {
    const problems: string[] = [];
    for (const op of this.operations()) {
      for (const event of op.emits) {
        if (!this.getEvent(event)) problems.push(`${label(op)} emits unknown event ${event}`);
      }
      if (new Set(op.emits).size !== op.emits.length) problems.push(`${label(op)} lists an emitted event twice`);
      if (!this.getCapability(op.capability)) problems.push(`${label(op)} requires unknown capability ${op.capability}`);
    }
    return problems;
  }

  #checkBindings(): string[] {
    const problems: string[] = [];
    const seen = new Map<string, OperationContract>();
    for (const op of this.operations()) {
      // `{a}` and `{b}` at the same position route the same requests, so compare with names erased.
      const route = `${op.http.method} ${op.http.path.replace(pathParam, "{}")}`;
      const other = seen.get(route);
      if (other) problems.push(`${label(op)} and ${label(other)} share the binding ${op.http.method} ${op.http.path}`);
      else seen.set(route, op);
      problems.push(...checkOperationShape(op));
    }
    return problems;
  }
}

export function createRegistry(contracts: readonly AnyContract[]): ContractRegistry {
  return new ContractRegistry(contracts);
}

function checkMeta(c: AnyContract): string[] {
  const problems: string[] = [];
  const m = c.meta;
  const name = `${c.kind} ${m.key || "(no key)"}`;
  if (semver.valid(m.version) === null) problems.push(`${name} has version "${m.version}", which is not semver`);
  if (!stabilities.has(m.stability)) problems.push(`${name} has unknown stability "${m.stability}"`);
  const texts = { key: m.key, description: m.description, goal: m.goal, context: m.context };
  for (const [field, text] of Object.entries(texts)) {
    if (text.trim() === "") problems.push(`${name} has an empty ${field}`);
  }
  if (m.owners.length === 0) problems.push(`${name} has no owners`);
  return problems;
}

function checkOperationShape(op: OperationContract): string[] {
  const problems: string[] = [];
  if (!op.http.path.startsWith("/")) problems.push(`${label(op)} binding path must start with /`);
  const codes = op.errors.map((e) => e.code);
  if (new Set(codes).size !== codes.length) problems.push(`${label(op)} declares an error code twice`);
  if (!(op.input instanceof z.ZodObject)) {
    problems.push(`${label(op)} input must be an object schema (path, query and body merge into it)`);
    return problems;
  }
  const shape: Record<string, z.ZodType> = op.input.shape;
  for (const param of pathParams(op.http.path)) {
    const field = shape[param];
    if (!field) problems.push(`${label(op)} path parameter {${param}} is not a field of its input`);
    else if (field._zod.optin === "optional") problems.push(`${label(op)} path parameter {${param}} must be required`);
  }
  return problems;
}
