import { describe, expect, it } from "vitest";
import { registry } from "../../contracts/index.ts";
import { type ContractSnapshot, snapshotOf } from "../../scripts/lib/contract-snapshot.ts";
import { diffContract, diffRegistries } from "../../scripts/lib/contract-diff.ts";
import { formatImpact } from "../../scripts/lib/impact-report.ts";

const current = registry.all().map(snapshotOf);
const find = (key: string): ContractSnapshot => {
  const found = current.find((s) => s.meta.key === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};
const cancel = find("controlPlane.execution.cancel");
const withVersion = (s: ContractSnapshot, version: string): ContractSnapshot => ({ ...s, meta: { ...s.meta, version } });
const replace = (next: ContractSnapshot) => current.map((s) => (s.meta.key === next.meta.key ? next : s));

describe("diffContract", () => {
  it("finds nothing between a contract and itself", () => {
    expect(diffContract(cancel, cancel)).toEqual([]);
  });

  it("calls a removed error code or a changed status breaking, a new code compatible", () => {
    const errors = cancel.errors ?? [];
    const [first, ...rest] = errors;
    expect(diffContract(cancel, { ...cancel, errors: rest })).toEqual([
      { path: `errors.${first?.code}`, breaking: true, message: "error code removed" },
    ]);
    const added = { ...cancel, errors: [...errors, { code: "NEW_CODE", status: 409, when: "sometimes" }] };
    expect(diffContract(cancel, added)).toEqual([{ path: "errors.NEW_CODE", breaking: false, message: "new error code" }]);
  });

  it("calls a removed event breaking and a new one compatible", () => {
    expect(diffContract(cancel, { ...cancel, emits: [] })).toEqual([
      { path: "emits.controlPlane.execution.cancelled", breaking: true, message: "no longer emitted" },
    ]);
    const more = { ...cancel, emits: [...(cancel.emits ?? []), "controlPlane.execution.failed"] };
    expect(diffContract(cancel, more)).toEqual([
      { path: "emits.controlPlane.execution.failed", breaking: false, message: "newly emitted" },
    ]);
  });

  it("calls a changed binding or capability breaking", () => {
    const moved = { ...cancel, http: { method: "POST" as const, path: "/v1/executions/{executionId}/stop", successStatus: 200 as const } };
    expect(diffContract(cancel, moved).map((c) => [c.path, c.breaking])).toEqual([["http", true]]);
    expect(diffContract(cancel, { ...cancel, capability: "control-plane.admin" }).map((c) => c.breaking)).toEqual([true]);
  });

  it("ignores prose: descriptions and context are not part of compatibility", () => {
    expect(diffContract(cancel, { ...cancel, meta: { ...cancel.meta, context: "Rewritten." } })).toEqual([]);
  });
});

describe("diffRegistries", () => {
  it("reports nothing for an unchanged registry", () => {
    expect(diffRegistries(current, current)).toEqual({ impacts: [], violations: [], unversioned: [] });
  });

  it("fails a breaking change that keeps the major version", () => {
    const report = diffRegistries(current, replace(withVersion({ ...cancel, emits: [] }, "1.1.0")));
    expect(report.violations.map((i) => i.key)).toEqual(["controlPlane.execution.cancel"]);
    expect(formatImpact(report, "main").join("\n")).toContain("Breaking changes without a major version bump");
  });

  it("allows the same breaking change with a new major version", () => {
    const report = diffRegistries(current, replace(withVersion({ ...cancel, emits: [] }, "2.0.0")));
    expect(report.impacts).toHaveLength(1);
    expect(report.violations).toEqual([]);
  });

  it("allows compatible changes, and flags the ones that kept their version", () => {
    const added = { ...cancel, errors: [...(cancel.errors ?? []), { code: "NEW_CODE", status: 409, when: "sometimes" }] };
    const report = diffRegistries(current, replace(added));
    expect(report.violations).toEqual([]);
    expect(report.unversioned.map((i) => i.key)).toEqual(["controlPlane.execution.cancel"]);
  });

  it("fails a removed contract and accepts an added one", () => {
    const removed = diffRegistries(current, current.filter((s) => s !== cancel));
    expect(removed.violations.map((i) => [i.change, i.key])).toEqual([["removed", "controlPlane.execution.cancel"]]);
    const added = diffRegistries(current.filter((s) => s !== cancel), current);
    expect(added.impacts.map((i) => i.change)).toEqual(["added"]);
    expect(added.violations).toEqual([]);
  });

  it("compares the latest version of each key", () => {
    const report = diffRegistries(current, [...current, withVersion({ ...cancel, emits: [] }, "2.0.0")]);
    expect(report.impacts.map((i) => (i.change === "changed" ? i.after.meta.version : i.change))).toEqual(["2.0.0"]);
    expect(report.violations).toEqual([]);
  });
});
