// Values to text (rhai-language.md §11): to_string (toDisplay), debug (toDebug) and the host
// rendering of a script result (hostDisplay); floats per §6.3 (format/float.ts), string
// quoting per §11.2 (format/quote.ts).
//
// Host types: the format module does not know any Registry. A host (the Engine) installs a
// formatter with `setHostFormatter(fn)`; `registryHostFormatter(reg)` builds one from a
// Registry's `registerType` info (display, debug defaulting to display, both defaulting to
// `<TypeName>`). The formatter is module-wide: type info is keyed by constructor, so several
// engines sharing the standard types see the same answer. Without a formatter (or when it
// returns undefined) an object renders as `<ConstructorName>`.

import type { Registry } from "./registry.ts";
import {
  FnPtr,
  INT_MAX,
  RBlob,
  RChar,
  RFloat,
  RIter,
  RMap,
  RRange,
  RTimestamp,
  SharedCell,
  type Value,
} from "./value.ts";
import { floatDebug, floatDisplay } from "./format/float.ts";
import { quoteChar, quoteString } from "./format/quote.ts";

export { floatDebug, floatDisplay, floatPlain } from "./format/float.ts";
export { quoteChar, quoteString } from "./format/quote.ts";

export type HostFormatter = (v: object) => { display: string; debug: string } | undefined;

let hostFormatter: HostFormatter | undefined;

/** Install (or remove, with undefined) the formatter for host-type values. */
export function setHostFormatter(fn: HostFormatter | undefined): void {
  hostFormatter = fn;
}

/** A formatter answering from a Registry's registered host types. */
export function registryHostFormatter(reg: Registry): HostFormatter {
  return (v) => {
    const info = reg.hostTypeOf(v);
    if (!info) return undefined;
    const display = info.display ? info.display(v) : `<${info.name}>`;
    return { display, debug: info.debug ? info.debug(v) : display };
  };
}

function hostText(v: object, debug: boolean): string {
  const f = hostFormatter?.(v);
  if (f) return debug ? f.debug : f.display;
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return `<${typeof name === "string" && name ? name : "?"}>`;
}

const HEX = "0123456789abcdef";

function blobText(b: RBlob): string {
  const bytes = b.bytes;
  const n = b.length;
  let s = "[";
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 8 === 0) s += " ";
    const x = bytes[i]!;
    s += HEX[x >> 4]! + HEX[x & 15]!;
  }
  return s + "]";
}

function rangeText(r: RRange): string {
  const op = r.inclusive ? "..=" : "..";
  return r.end === INT_MAX ? `${r.start}${op}` : `${r.start}${op}${r.end}`;
}

// Rendering modes: DISPLAY (to_string, top level), DEBUG (debug form, container elements),
// HOST (host-debug form of container elements in the host rendering).
const DISPLAY = 0;
const DEBUG = 1;
const HOST = 2;
type Mode = 0 | 1 | 2;

function render(v: Value, mode: Mode): string {
  switch (typeof v) {
    case "number":
    case "bigint":
      return String(v);
    case "string":
      return mode === DISPLAY ? v : quoteString(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return mode === DISPLAY ? "" : "()";
  }
  if (v instanceof RFloat) return mode === DISPLAY ? floatDisplay(v.v) : floatDebug(v.v);
  if (v instanceof RChar) return mode === HOST ? quoteChar(v.cp) : String.fromCodePoint(v.cp);
  const inner: Mode = mode === HOST ? HOST : DEBUG;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    let s = "[" + render(v[0], inner);
    for (let i = 1; i < v.length; i++) s += ", " + render(v[i], inner);
    return s + "]";
  }
  if (v instanceof RMap) {
    if (v.size === 0) return "#{}";
    let s = "#{";
    let first = true;
    for (const k of v.sortedKeys()) {
      if (!first) s += ", ";
      first = false;
      s += quoteString(k) + ": " + render(v.get(k), inner);
    }
    return s + "}";
  }
  if (v instanceof RBlob) return blobText(v);
  if (v instanceof RRange) return rangeText(v);
  if (v instanceof FnPtr) return mode === HOST ? fnPtrHost(v) : `Fn(${v.name})`;
  if (v instanceof RTimestamp) return "<timestamp>";
  if (v instanceof RIter) return "range";
  if (v instanceof SharedCell) return render(v.v, mode);
  if (v === null) return mode === DISPLAY ? "" : "()";
  return hostText(v, mode !== DISPLAY);
}

/** Debug-tuple form of a function pointer inside a host rendering (§11.3). */
function fnPtrHost(f: FnPtr): string {
  let s = (f.fn !== undefined ? "Fn*" : "Fn") + (f.curry.length > 0 ? "+" : "") + "(" + quoteString(f.name);
  for (const c of f.curry) {
    s += ", " + (c instanceof SharedCell ? render(c.v, HOST) + " (shared)" : render(c, HOST));
  }
  return s + ")";
}

/** to_string / print / `${}` form (§11.1). */
export function toDisplay(v: Value): string {
  return render(v, DISPLAY);
}

/** debug / to_debug form (§11.1). */
export function toDebug(v: Value): string {
  return render(v, DEBUG);
}

/**
 * Host rendering of a script's final value (§11.3): like toDisplay at the top level (except
 * function pointers, which use the debug-tuple form only inside containers), with container
 * elements in host-debug form (quoted strings, single-quoted chars, FLOAT Debug form).
 */
export function hostDisplay(v: Value): string {
  if (Array.isArray(v) || v instanceof RMap) return render(v, HOST);
  if (v instanceof SharedCell) return hostDisplay(v.v);
  return render(v, DISPLAY);
}
