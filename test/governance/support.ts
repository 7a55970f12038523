import { type Admin, call, createKey, ensureBound } from "../support/api.ts";
import { runInDurableObject } from "cloudflare:test";
import { type Submitted, deliverHandoff, executionStub, runAlarms, submit } from "../support/runtime.ts";

/** Labels wait for `triage` (10 minutes), then escalate to `leads` (10 more), then expire. */
export const escalatingPolicy = {
  schema: "control-plane.policy/1",
  name: "escalating",
  rules: [
    { id: "low-ok", match: { risks: ["low"] }, effect: "allow" },
    {
      id: "labels-escalate",
      match: { tools: ["github.issue.label"] },
      effect: "require_approval",
      approval: { group: "triage", quorum: 1, timeoutSeconds: 600, escalation: [{ group: "leads", timeoutSeconds: 600 }] },
    },
  ],
};

export const slackThread = { kind: "slack", teamId: "T0THREAD", channelId: "C1", threadTs: "1700000000.000001" } as const;

/** Submits text as the admin and runs it until it rests (waiting for approval, or done). */
export async function runText(admin: Admin, text: string): Promise<Submitted> {
  await ensureBound(admin, { provider: "slack", externalId: slackThread.teamId });
  const submitted = await submit(admin.key, { channel: "slack", replyTo: slackThread, text });
  await deliverHandoff(submitted, admin.tenantId);
  await runAlarms(submitted.executionId);
  return submitted;
}

export interface Person {
  key: string;
  principalId: string;
}

/** A new principal with an approval key, added to `group`. */
export async function approver(admin: Admin, group = "approvers"): Promise<Person> {
  const person = await createKey(admin, ["control-plane.approval", "control-plane.core", "control-plane.audit"]);
  const res = await call("POST", `/v1/groups/${group}/members`, { key: admin.key, body: { principalId: person.principalId } });
  if (res.status !== 200) throw new Error(`group add failed: ${res.status} ${await res.text()}`);
  return { key: person.key, principalId: person.principalId };
}

export interface View {
  status: string;
  steps: { stepId: string; key: string; state: string; reason: { code: string } | null; verdict: { verdict: string; policyVersion: string } | null }[];
}

export async function viewOf(key: string, executionId: string): Promise<View> {
  const res = await call("GET", `/v1/executions/${executionId}`, { key });
  if (res.status !== 200) throw new Error(`get failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as View;
}

export function firstStep(view: View) {
  const step = view.steps[0];
  if (step === undefined) throw new Error("no step");
  return step;
}

export function approve(key: string, executionId: string, stepId: string) {
  return call("POST", `/v1/executions/${executionId}/approve`, { key, body: { stepId } });
}

/** Moves every open gate's deadline into the past: the alarm, not the test, then drives what happens. */
export async function passDeadlines(executionId: string): Promise<void> {
  await runInDurableObject(executionStub(executionId), (_instance: unknown, state: DurableObjectState) => {
    const [row] = state.storage.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'gates'").toArray();
    const gates = JSON.parse(row?.v ?? "{}") as Record<string, { deadline: string }>;
    for (const gate of Object.values(gates)) gate.deadline = new Date(Date.now() - 1000).toISOString();
    state.storage.sql.exec("UPDATE meta SET v = ? WHERE k = 'gates'", JSON.stringify(gates));
  });
}
