import type { StepView } from "../../contracts/common/steps.ts";

const NODE_W = 220;
const NODE_H = 64;
const GAP_X = 60;
const GAP_Y = 24;

const fill: Record<StepView["state"], string> = {
  pending: "#e5e7eb",
  ready: "#dbeafe",
  running: "#bfdbfe",
  waiting_approval: "#fde68a",
  succeeded: "#bbf7d0",
  failed: "#fecaca",
  skipped: "#f3f4f6",
  cancelled: "#d1d5db",
};

/** Column of each step: the longest chain of dependencies before it. */
function depths(steps: StepView[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.stepId, s]));
  const memo = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    if (step === undefined || seen.has(id)) return 0;
    const next = new Set(seen).add(id);
    const d = step.dependsOn.length === 0 ? 0 : 1 + Math.max(...step.dependsOn.map((dep) => depthOf(dep, next)));
    memo.set(id, d);
    return d;
  };
  for (const s of steps) depthOf(s.stepId, new Set());
  return memo;
}

/** The plan's steps as a left-to-right DAG, each node coloured by state and labelled with its verdict. */
export function StepDag({ steps }: { steps: StepView[] }) {
  const depth = depths(steps);
  const rows = new Map<number, number>();
  const position = new Map<string, { x: number; y: number }>();
  for (const step of steps) {
    const column = depth.get(step.stepId) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    position.set(step.stepId, { x: 10 + column * (NODE_W + GAP_X), y: 10 + row * (NODE_H + GAP_Y) });
  }
  const width = 20 + (Math.max(0, ...depth.values()) + 1) * (NODE_W + GAP_X) - GAP_X;
  const height = 20 + Math.max(1, ...rows.values()) * (NODE_H + GAP_Y) - GAP_Y;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Step DAG">
      {steps.flatMap((step) =>
        step.dependsOn.map((dep) => {
          const from = position.get(dep);
          const to = position.get(step.stepId);
          if (from === undefined || to === undefined) return null;
          return <line x1={from.x + NODE_W} y1={from.y + NODE_H / 2} x2={to.x} y2={to.y + NODE_H / 2} stroke="#6b7280" stroke-width="1.5" />;
        }),
      )}
      {steps.map((step) => {
        const at = position.get(step.stepId) ?? { x: 0, y: 0 };
        const verdict = step.verdict === null ? "no verdict yet" : `${step.verdict.verdict} (${step.verdict.tier})`;
        return (
          <g class="step" data-step={step.stepId} data-state={step.state}>
            <title>{step.verdict === null ? "Policy has not decided yet" : step.verdict.reason}</title>
            <rect x={at.x} y={at.y} width={NODE_W} height={NODE_H} rx="6" fill={fill[step.state]} stroke="#374151" />
            <text x={at.x + 8} y={at.y + 18} font-size="13" font-weight="600">
              {step.key}
            </text>
            <text x={at.x + 8} y={at.y + 36} font-size="12">
              {step.state}
            </text>
            <text x={at.x + 8} y={at.y + 54} font-size="11">
              {verdict}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
