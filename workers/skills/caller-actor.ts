import type { Actor } from "../../contracts/intent.ts";
import type { Caller } from "../api/caller.ts";

/** The API caller as trace events name it (as intent.submit does for a request without an actor). */
export function callerActor(caller: Caller): Actor {
  return { type: "service", id: caller.principalId };
}
