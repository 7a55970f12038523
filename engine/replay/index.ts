export { pinnedPolicyOf } from "./pinned.ts";
export { comparePlans } from "./plan.ts";
export { replay } from "./replay.ts";
export { summarizeEvent } from "./summarize.ts";
export {
  RecordedEvent,
  type RecordedExecution,
  RecordedInput,
  type ReplayDeps,
  type ReplayDiff,
  type ReplayResult,
} from "./types.ts";
