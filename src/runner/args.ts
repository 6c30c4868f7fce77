// Script arguments (runner.md §3): the typed REX file (validated with the ajv schema of
// args-schema.ts), the plain-JSON file, and `--arg name=value`; the nesting-depth rule.

import { RFloat, RMap, intFromBig, type Value } from "../engine/value.ts";
import { TYPE_MEMBERS } from "./args-schema.ts";
import validate, { type AjvError } from "./args-validator.gen.js";

/** A malformed arguments source; the message is the `<reason>` of runner.md §3.1. */
export class ArgsError extends Error {}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON.parse keeping the source text of every number (holder → key → text). */
function parseWithSource(text: string): { value: Json; raw: WeakMap<object, Map<string, string>> } {
  const raw = new WeakMap<object, Map<string, string>>();
  let value: Json;
  try {
    value = JSON.parse(text, function (this: object, key: string, v: unknown, ctx?: { source?: string }) {
      if (typeof v === "number" && ctx?.source !== undefined) {
        let m = raw.get(this);
        if (!m) raw.set(this, (m = new Map()));
        m.set(key, ctx.source);
      }
      return v;
    }) as Json;
  } catch (e) {
    throw new ArgsError(`invalid JSON: ${(e as Error).message}`);
  }
  return { value, raw };
}

const EXPECTED = `expected an object with exactly one of ${TYPE_MEMBERS.join(", ")}`;
const INT_RANGE = "integerValue must be an integer between -2147483648 and 2147483647";
const LONG_RANGE = "longValue must be an integer between -9223372036854775808 and 9223372036854775807";
const PAYLOAD: Record<string, string> = {
  stringValue: "stringValue must be a string",
  integerValue: INT_RANGE,
  longValue: LONG_RANGE,
  doubleValue: "doubleValue must be a number",
  booleanValue: "booleanValue must be true or false",
  listValue: "listValue must be an array of typed values",
  mapValue: "mapValue must be an object of typed values",
};

function decodePointer(p: string): string[] {
  return p === "" ? [] : p.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Turn the first ajv error into rex's reason text, naming the argument. */
function reasonOf(err: AjvError): string {
  const path = decodePointer(err.instancePath);
  if (path.length === 0) return "the top level must be an object";
  const name = path[0]!;
  // Where inside the argument: the path after the name, e.g. listValue/0.
  const last = path[path.length - 1]!;
  const isMember = path.length >= 2 && (TYPE_MEMBERS as readonly string[]).includes(last);
  const inner = path.slice(1, err.keyword === "additionalProperties" || !isMember ? path.length : path.length - 1);
  const where = inner.length ? ` at ${inner.join("/")}` : "";
  if (isMember && (err.keyword === "type" || err.keyword === "minimum" || err.keyword === "maximum") && path.length >= 2)
    return `argument '${name}'${where}: ${PAYLOAD[last] ?? EXPECTED}`;
  if (err.keyword === "additionalProperties") {
    const extra = String(err.params.additionalProperty ?? "");
    return `argument '${name}'${where}: unknown member '${extra}'; ${EXPECTED}`;
  }
  return `argument '${name}'${where}: ${EXPECTED}`;
}

function isIntegerText(s: string): boolean {
  return /^-?(0|[1-9][0-9]*)$/.test(s);
}

/** Parse the typed REX arguments file (runner.md §3.1). Insertion order is file order. */
export function parseTypedArgs(text: string): Map<string, Value> {
  const { value, raw } = parseWithSource(text);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ArgsError("the top level must be an object");
  if (!validate(value)) throw new ArgsError(reasonOf(validate.errors![0]!));
  const out = new Map<string, Value>();
  const convert = (name: string, typed: Record<string, Json>): Value => {
    const member = Object.keys(typed)[0]!;
    const payload = typed[member]!;
    switch (member) {
      case "stringValue":
        return payload as string;
      case "booleanValue":
        return payload as boolean;
      case "doubleValue":
        return new RFloat(payload as number);
      case "integerValue":
      case "longValue": {
        const src = raw.get(typed)?.get(member) ?? String(payload);
        if (!isIntegerText(src)) throw new ArgsError(`argument '${name}': ${member === "integerValue" ? INT_RANGE : LONG_RANGE}`);
        const b = BigInt(src);
        const ok = member === "integerValue" ? b >= -2147483648n && b <= 2147483647n : b >= -(2n ** 63n) && b < 2n ** 63n;
        if (!ok) throw new ArgsError(`argument '${name}': ${member === "integerValue" ? INT_RANGE : LONG_RANGE}`);
        return intFromBig(b);
      }
      case "listValue":
        return (payload as Json[]).map((x) => convert(name, x as Record<string, Json>));
      default: {
        const m = new RMap();
        const obj = payload as Record<string, Json>;
        for (const k of Object.keys(obj)) m.set(k, convert(name, obj[k] as Record<string, Json>));
        return m;
      }
    }
  };
  for (const name of Object.keys(value)) out.set(name, convert(name, (value as Record<string, Json>)[name] as Record<string, Json>));
  return out;
}

/** Parse the plain-JSON arguments file (runner.md §3.3). */
export function parsePlainArgs(text: string): Map<string, Value> {
  const { value, raw } = parseWithSource(text);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ArgsError("the top level must be an object");
  const convert = (holder: object, key: string, v: Json): Value => {
    if (v === null) return undefined;
    if (typeof v === "number") {
      const src = raw.get(holder)?.get(key) ?? String(v);
      if (isIntegerText(src)) {
        const b = BigInt(src);
        if (b >= -(2n ** 63n) && b < 2n ** 63n) return intFromBig(b);
      }
      return new RFloat(v);
    }
    if (typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x, i) => convert(v, String(i), x));
    const m = new RMap();
    for (const k of Object.keys(v)) m.set(k, convert(v, k, v[k]!));
    return m;
  };
  const out = new Map<string, Value>();
  for (const k of Object.keys(value)) out.set(k, convert(value, k, (value as Record<string, Json>)[k]!));
  return out;
}

/** `--arg NAME=VALUE` → [name, value]; undefined when there is no `=`. */
export function splitArg(s: string): [string, string] | undefined {
  const i = s.indexOf("=");
  return i < 0 ? undefined : [s.slice(0, i), s.slice(i + 1)];
}

function depthOf(v: Value): number {
  if (Array.isArray(v)) {
    let d = 0;
    for (const x of v) d = Math.max(d, depthOf(x));
    return 1 + d;
  }
  if (v instanceof RMap) {
    let d = 0;
    for (const x of v.values()) d = Math.max(d, depthOf(x));
    return 1 + d;
  }
  return 1;
}

/** The first argument (in order) nested deeper than 2 (runner.md §3.2), or undefined. */
export function firstTooDeep(args: ReadonlyMap<string, Value>): string | undefined {
  for (const [name, v] of args) if (depthOf(v) > 2) return name;
  return undefined;
}

export function depthMessage(name: string): string {
  return `Script arguments depth validation failed: Argument '${name}': Maximum nesting depth of 2 exceeded`;
}

const KEYWORDS = new Set(
  "true false let const if else switch do while until loop for in continue break return throw try catch fn private import export as global Fn call curry this is_def_fn is_def_var is_shared type_of print debug eval var static shared sync async await yield default void null nil spawn thread go with use package super new module case public protected".split(
    " ",
  ),
);

/** Is this name reachable from a script (a Rhai identifier that is not a keyword)? */
export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== "_" && !KEYWORDS.has(name);
}
