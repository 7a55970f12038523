import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** One JSONL file per category under eval/planner/corpus/. */
export const CATEGORIES = ["paraphrase", "multi-step", "clarify", "refuse", "injection"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CORPUS_DIR = join(import.meta.dirname, "corpus");

const ExpectedStep = z.strictObject({
  /** Names the step for `after` within this item only; a model's keys may differ. */
  key: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  tool: z.string().min(1),
  /** The arguments that must be exactly these; arguments not listed (free text unless quoted in the request) are not compared. */
  args: z.record(z.string(), z.unknown()),
  after: z.array(z.string()),
});
export type ExpectedStep = z.infer<typeof ExpectedStep>;

export const Expected = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("plan"), steps: z.array(ExpectedStep).min(1) }),
  z.strictObject({ kind: z.literal("clarify") }),
  z.strictObject({ kind: z.literal("refuse") }),
]);
export type Expected = z.infer<typeof Expected>;

const Item = z.strictObject({ id: z.string().regex(/^[a-z]+-\d{2}$/), text: z.string().min(1).max(4000), expect: Expected });
export type CorpusItem = z.infer<typeof Item> & { category: Category; source: string };

export class CorpusError extends Error {
  override readonly name = "CorpusError";
}

/** Reads and checks every category file; throws CorpusError naming file and line for anything malformed. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusItem[] {
  const files = readdirSync(dir).filter((name) => name.endsWith(".jsonl")).sort();
  const unknown = files.filter((name) => !(CATEGORIES as readonly string[]).includes(name.replace(/\.jsonl$/, "")));
  if (unknown.length > 0) throw new CorpusError(`unknown category files in ${dir}: ${unknown.join(", ")}`);
  const items: CorpusItem[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const category = file.replace(/\.jsonl$/, "") as Category;
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (line.trim() === "") return;
        const source = `${file}:${index + 1}`;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          throw new CorpusError(`${source}: not JSON (${String(error)})`);
        }
        const parsed = Item.safeParse(value);
        if (!parsed.success) throw new CorpusError(`${source}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        const item = parsed.data;
        if (ids.has(item.id)) throw new CorpusError(`${source}: duplicate id ${item.id}`);
        ids.add(item.id);
        if (item.expect.kind === "plan") checkEdges(item.expect.steps, source);
        items.push({ ...item, category, source });
      });
  }
  return items;
}

function checkEdges(steps: readonly ExpectedStep[], source: string): void {
  const keys = new Set<string>();
  for (const step of steps) {
    if (keys.has(step.key)) throw new CorpusError(`${source}: step key ${step.key} twice`);
    for (const dep of step.after) if (!keys.has(dep)) throw new CorpusError(`${source}: ${step.key} is after ${dep}, which is not an earlier step`);
    keys.add(step.key);
  }
}
