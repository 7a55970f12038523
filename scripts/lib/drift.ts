/** How a directory differs from what should be in it. Paths are relative and sorted. */
export interface Drift {
  differs: string[];
  missing: string[];
  extra: string[];
}

export function compareFiles(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): Drift {
  const differs: string[] = [];
  const missing: string[] = [];
  for (const [path, content] of expected) {
    const found = actual.get(path);
    if (found === undefined) missing.push(path);
    else if (found !== content) differs.push(path);
  }
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  return { differs: differs.sort(), missing: missing.sort(), extra: extra.sort() };
}

export function hasDrift(drift: Drift): boolean {
  return drift.differs.length + drift.missing.length + drift.extra.length > 0;
}

export function describeDrift(drift: Drift): string[] {
  return [
    ...drift.differs.map((p) => `differs: ${p}`),
    ...drift.missing.map((p) => `missing: ${p}`),
    ...drift.extra.map((p) => `extra:   ${p}`),
  ];
}
