import { expect, it } from "vitest";
import { registry } from "../../contracts/index.ts";
import { EXECUTION_EVENT_TYPES, type EventDraft } from "../../engine/executor/index.ts";
import { at, buildPlan, fail, feed, governedMachine, idOf, machine, ok, requester, start } from "../engine/executor/helpers.ts";

/** Runs the executor through every path that emits an event and collects what it emitted. */
function emittedEvents(): EventDraft[] {
  const events: EventDraft[] = [];
  const collect = <T extends { events: EventDraft[] }>(result: T): T => {
    events.push(...result.events);
    return result;
  };

  const gated = buildPlan([{ key: "close", risk: "high", tool: "github.issue.close", input: { number: 7 } }, { key: "after", after: ["close"] }]);
  const close = idOf(gated, "close");
  const waiting = collect(start(gated, governedMachine));
  const approved = collect(
    feed(waiting.state, { kind: "approval_resolved", stepId: close, decision: "approved", by: { type: "human", id: "bob" } }, at(1), governedMachine),
  );
  const closed = collect(feed(approved.state, ok(close, 1, { closed: true }), at(2), governedMachine));
  collect(feed(closed.state, ok(idOf(gated, "after"), 1), at(3), governedMachine));
  collect(feed(waiting.state, { kind: "approval_resolved", stepId: close, decision: "rejected", by: { type: "human", id: "bob" } }, at(1), governedMachine));
  collect(feed(waiting.state, { kind: "cancel", by: requester }, at(1), governedMachine));

  const flaky = buildPlan([{ key: "echo" }], "flaky");
  const echo = idOf(flaky, "echo");
  const running = collect(start(flaky));
  const retrying = collect(feed(running.state, fail(echo, 1, true), at(1)));
  const again = collect(feed(retrying.state, { kind: "wake" }, at(60_000)));
  collect(feed(again.state, fail(echo, 2, false), at(60_001)));

  collect(start(buildPlan([{ key: "label", risk: "medium" }], "blocked"), machine));
  const refs = buildPlan([{ key: "a" }, { key: "b", after: ["a"], input: { text: { $ref: "a.missing" } } }], "refs");
  const first = collect(start(refs));
  const unresolved = collect(feed(first.state, ok(idOf(refs, "a"), 1, {}), at(1)));
  expect(unresolved.events.map((e) => [e.type, e.payload.attempt])).toContainEqual(["controlPlane.execution.step.failed", 0]);
  return events;
}

it("every event the executor emits matches its contract's payload schema", () => {
  const events = emittedEvents();
  expect(new Set(events.map((e) => e.type))).toEqual(new Set(EXECUTION_EVENT_TYPES));
  for (const event of events) {
    const contract = registry.getEvent(event.type);
    expect(contract, event.type).toBeDefined();
    const parsed = contract?.payload.safeParse(event.payload);
    expect(parsed?.success ? [] : parsed?.error.issues, `${event.type} ${JSON.stringify(event.payload)}`).toEqual([]);
  }
});
