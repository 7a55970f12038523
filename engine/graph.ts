/** Dependencies of a node, by key; unknown keys have none. */
export type Edges = ReadonlyMap<string, readonly string[]>;

/**
 * The first cycle found, as the keys along it with the first repeated at the end (`a → b → a`);
 * nodes are visited in the given order so the answer is deterministic.
 */
export function findCycle(nodes: readonly string[], edges: Edges): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const seen = state.get(node);
    if (seen === "done") return undefined;
    if (seen === "visiting") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of nodes) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Every node `node` depends on, directly or not. Safe on graphs with cycles. */
export function ancestors(node: string, edges: Edges): Set<string> {
  const found = new Set<string>();
  const pending = [...(edges.get(node) ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(edges.get(next) ?? []));
  }
  return found;
}
