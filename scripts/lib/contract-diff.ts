import semver from "semver";
import type { ContractSnapshot } from "./contract-snapshot.ts";
import { diffSchemas, type SchemaChange } from "./schema-diff.ts";

/** Every difference between two versions of one contract that a client could notice. */
export function diffContract(before: ContractSnapshot, after: ContractSnapshot): SchemaChange[] {
  const out: SchemaChange[] = [];
  const breaking = (path: string, message: string) => out.push({ path, breaking: true, message });
  const compatible = (path: string, message: string) => out.push({ path, breaking: false, message });

  if (before.kind !== after.kind) breaking("kind", `kind changed from ${before.kind} to ${after.kind}`);
  if (semver.lt(after.meta.version, before.meta.version)) {
    breaking("version", `version went backwards from ${before.meta.version} to ${after.meta.version}`);
  }
  if (before.meta.stability !== after.meta.stability) {
    compatible("stability", `stability ${before.meta.stability} → ${after.meta.stability}`);
  }
  if (before.capability !== after.capability) {
    breaking("capability", `capability ${before.capability ?? "none"} → ${after.capability ?? "none"}; existing keys may lack it`);
  }
  if (before.auth !== after.auth) breaking("auth", `auth ${before.auth ?? "none"} → ${after.auth ?? "none"}`);
  const binding = (s: ContractSnapshot) => (s.http ? `${s.http.method} ${s.http.path} → ${s.http.successStatus ?? 200}` : "none");
  if (binding(before) !== binding(after)) breaking("http", `binding ${binding(before)} changed to ${binding(after)}`);

  const errorsBefore = new Map((before.errors ?? []).map((e) => [e.code, e.status]));
  const errorsAfter = new Map((after.errors ?? []).map((e) => [e.code, e.status]));
  for (const [code, status] of errorsBefore) {
    const now = errorsAfter.get(code);
    if (now === undefined) breaking(`errors.${code}`, "error code removed");
    else if (now !== status) breaking(`errors.${code}`, `status changed from ${status} to ${now}`);
  }
  for (const code of errorsAfter.keys()) if (!errorsBefore.has(code)) compatible(`errors.${code}`, "new error code");

  const emitsBefore = new Set(before.emits ?? []);
  const emitsAfter = new Set(after.emits ?? []);
  for (const event of emitsBefore) if (!emitsAfter.has(event)) breaking(`emits.${event}`, "no longer emitted");
  for (const event of emitsAfter) if (!emitsBefore.has(event)) compatible(`emits.${event}`, "newly emitted");

  const schema = (name: "input" | "output" | "payload", direction: "input" | "output") => {
    const x = before[name];
    const y = after[name];
    if (x && y) out.push(...diffSchemas(x, y, direction, name));
    else if (x || y) breaking(name, `${name} schema ${x ? "removed" : "added"}`);
  };
  schema("input", "input");
  schema("output", "output");
  schema("payload", "output");
  return out;
}

export type ContractImpact =
  | { change: "added"; key: string; after: ContractSnapshot }
  | { change: "removed"; key: string; before: ContractSnapshot }
  | { change: "changed"; key: string; before: ContractSnapshot; after: ContractSnapshot; changes: SchemaChange[] };

export interface ImpactReport {
  impacts: ContractImpact[];
  /** Breaking impacts whose major version did not increase: what fails the check. */
  violations: ContractImpact[];
  /** Changed contracts whose version stayed the same: allowed for compatible changes, but worth a bump. */
  unversioned: ContractImpact[];
}

/** Compares the latest version of every key in two sets of snapshots. */
export function diffRegistries(before: readonly ContractSnapshot[], after: readonly ContractSnapshot[]): ImpactReport {
  const latestBefore = latestByKey(before);
  const latestAfter = latestByKey(after);
  const keys = [...new Set([...latestBefore.keys(), ...latestAfter.keys()])].sort();
  const impacts: ContractImpact[] = [];
  for (const key of keys) {
    const x = latestBefore.get(key);
    const y = latestAfter.get(key);
    if (!x && y) impacts.push({ change: "added", key, after: y });
    else if (x && !y) impacts.push({ change: "removed", key, before: x });
    else if (x && y) {
      const changes = diffContract(x, y);
      if (changes.length > 0) impacts.push({ change: "changed", key, before: x, after: y, changes });
    }
  }
  return {
    impacts,
    violations: impacts.filter((i) => isBreaking(i) && !majorIncreased(i)),
    unversioned: impacts.filter((i) => i.change === "changed" && i.before.meta.version === i.after.meta.version),
  };
}

export function isBreaking(impact: ContractImpact): boolean {
  if (impact.change === "removed") return true;
  if (impact.change === "added") return false;
  return impact.changes.some((c) => c.breaking);
}

function majorIncreased(impact: ContractImpact): boolean {
  return impact.change === "changed" && semver.major(impact.after.meta.version) > semver.major(impact.before.meta.version);
}

function latestByKey(snapshots: readonly ContractSnapshot[]): Map<string, ContractSnapshot> {
  const latest = new Map<string, ContractSnapshot>();
  for (const s of snapshots) {
    const current = latest.get(s.meta.key);
    if (!current || semver.gt(s.meta.version, current.meta.version)) latest.set(s.meta.key, s);
  }
  return latest;
}
