/** What every demo prints and how it fails: numbered steps with elapsed time, indented lines, a DemoError. */

export type Json = Record<string, unknown>;

export const demoStarted = Date.now();
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
let stepNo = 0;

export function step(title: string): void {
  stepNo += 1;
  console.log(`\n${bold(`${stepNo}. ${title}`)} ${dim(`(+${elapsedSeconds()} s)`)}`);
}

export const say = (line: string): void => console.log(`   ${line}`);

export function finale(line: string): void {
  console.log(`\n${bold(line)} ${elapsedSeconds()} s`);
}

const elapsedSeconds = () => ((Date.now() - demoStarted) / 1000).toFixed(1);

export class DemoError extends Error {}

export function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new DemoError(message);
}

export const obj = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));
export const toolOf = (s: Json): string => (typeof s.tool === "string" ? s.tool : str(obj(s.tool).key));
