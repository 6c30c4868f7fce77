// runner.md §5.3: an unexpected JavaScript exception inside an SDK function becomes a catchable
// SDK error of kind Other, `Internal error: <text>`, and is reported so the runner can add the
// alarm RexRunnerInternalAlarm; Rhai errors pass through untouched and are not reported.
import { expect, test } from "bun:test";
import { RhaiError } from "../../../src/engine/errors.ts";
import { Registry } from "../../../src/engine/registry.ts";
import { RMap } from "../../../src/engine/value.ts";
import { internalFailure } from "../../../src/sdk/fs/index.ts";
import { makeRuntime } from "../../../src/sdk/fs/runtime.ts";
import { FakeAuthorizer } from "./harness.ts";

function runtime(reports: string[]) {
  return makeRuntime({ registry: new Registry(), authorizer: new FakeAuthorizer([]), log: () => {}, internalError: (d) => reports.push(d) });
}

test("a JavaScript exception becomes an Other SDK error and is reported once", () => {
  const reports: string[] = [];
  const out = internalFailure(runtime(reports), new TypeError("x is not a function"));
  expect(out).toBeInstanceOf(RhaiError);
  const err = out as RhaiError;
  expect(err.catchable).toBe(true);
  const map = err.value as RMap;
  expect(map).toBeInstanceOf(RMap);
  expect(map.get("message")).toBe("Internal error: x is not a function");
  expect(String(map.get("kind"))).toContain("Other");
  expect(reports).toEqual(["Internal error: x is not a function"]);
});

test("Rhai errors and non-Error throws pass through unreported", () => {
  const reports: string[] = [];
  const rt = runtime(reports);
  const rhai = new RhaiError("ErrorRuntime", "boom");
  expect(internalFailure(rt, rhai)).toBe(rhai);
  const token = { exit: true };
  expect(internalFailure(rt, token)).toBe(token);
  expect(reports).toEqual([]);
});
