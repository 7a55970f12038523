import type { Actor } from "../../contracts/intent.ts";
import type { Caller } from "../api/caller.ts";

/** The API caller as trace events and intents name it: the key's principal, with its recorded type. */
export function callerActor(caller: Pick<Caller, "principalId" | "principalType">): Actor {
  return { type: caller.principalType, id: caller.principalId };
}
