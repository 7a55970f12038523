import type { PendingGate } from "../../durable-objects/execution.ts";

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the approver sees before deciding: the exact tool, arguments, requester and policy reason. */
export function approvalPage(gate: PendingGate, token: string): string {
  const rows: [string, string][] = [
    ["Tool", `${gate.tool.key}@${gate.tool.version}`],
    ["Arguments", JSON.stringify(gate.input, null, 2)],
    ["Requester", `${gate.requester.type}:${gate.requester.id}`],
    ["Why approval", gate.reason],
    ["Approvals", `${gate.votes.filter((v) => v.decision === "approve").length} of ${gate.spec.quorum}`],
    ["Decide before", gate.deadline],
  ];
  const action = `/approve/${encodeURIComponent(token)}`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Approve ${escape(gate.key)}</title></head><body>
<h1>Approval requested: ${escape(gate.key)}</h1>
<dl>${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd><pre>${escape(v)}</pre></dd>`).join("")}</dl>
<form method="post" action="${action}"><button name="decision" value="approve">Approve</button> <button name="decision" value="reject">Reject</button></form>
</body></html>`;
}

export function messagePage(title: string, detail: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(detail)}</p></body></html>`;
}
