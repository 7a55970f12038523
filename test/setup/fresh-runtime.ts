import { beforeAll } from "vitest";
import { resetRuntime } from "./reset-runtime.ts";

beforeAll(resetRuntime);
