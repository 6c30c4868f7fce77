// Standard library: strings and chars (rhai-stdlib.md §13, plus the char functions of §4/§15).
// This file holds the operators, the size/length properties and conversions; the rest is in
// string-search.ts (queries), string-split.ts, string-edit.ts (in-place edits) and char.ts.

import { toDisplay } from "../format.ts";
import type { NativeContext, Registry } from "../registry.ts";
import { RBlob, RChar, type Value } from "../value.ts";
import { register as registerChar } from "./char.ts";
import { register as registerEdit } from "./string-edit.ts";
import { register as registerSearch } from "./string-search.ts";
import { register as registerSplit } from "./string-split.ts";
import { charLength, decodeUtf8, encodeUtf8, utf8Length } from "./string-util.ts";

function concat(ctx: NativeContext, a: string, b: string): string {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const r = a + b;
  ctx.checkSize(r);
  return r;
}

function blobText(b: Value): string {
  return decodeUtf8((b as RBlob).view());
}

function registerOperators(reg: Registry): void {
  // `+` producing a new string.
  reg.fn("+", ["string", "string"], (ctx, a) => concat(ctx, a[0] as string, a[1] as string));
  reg.fn("+", ["string", "char"], (ctx, a) => concat(ctx, a[0] as string, (a[1] as RChar).toString()));
  reg.fn("+", ["char", "string"], (ctx, a) => concat(ctx, (a[0] as RChar).toString(), a[1] as string));
  reg.fn("+", ["string", "()"], (_ctx, a) => a[0]);
  reg.fn("+", ["()", "string"], (_ctx, a) => a[1]);
  reg.fn("+", ["string", "blob"], (ctx, a) => concat(ctx, a[0] as string, blobText(a[1])));
  reg.fn("+", ["blob", "string"], (ctx, a) => concat(ctx, blobText(a[0]), a[1] as string));
  reg.fn("+", ["string", "any"], (ctx, a) => concat(ctx, a[0] as string, toDisplay(a[1])));
  reg.fn("+", ["any", "string"], (ctx, a) => concat(ctx, toDisplay(a[0]), a[1] as string));

  // `+=` / `append`: in place (the evaluator writes args[0] back).
  const mut = { mut: true };
  const appendText = (ctx: NativeContext, a: Value[], text: string): Value => {
    a[0] = concat(ctx, a[0] as string, text);
    return undefined;
  };
  reg.fn("+=", ["string", "string"], (ctx, a) => appendText(ctx, a, a[1] as string), mut);
  reg.fn("+=", ["string", "char"], (ctx, a) => appendText(ctx, a, (a[1] as RChar).toString()), mut);
  reg.fn("+=", ["string", "()"], () => undefined, mut);
  reg.fn("+=", ["string", "blob"], (ctx, a) => appendText(ctx, a, blobText(a[1])), mut);
  reg.fn("+=", ["string", "any"], (ctx, a) => appendText(ctx, a, toDisplay(a[1])), mut);
  reg.fn("append", ["string", "blob"], (ctx, a) => appendText(ctx, a, blobText(a[1])), mut);
  reg.fn("append", ["string", "any"], (ctx, a) => appendText(ctx, a, toDisplay(a[1])), mut);
}

function registerBasics(reg: Registry): void {
  const len = (_ctx: NativeContext, s: Value): Value => charLength(s as string);
  const isEmpty = (_ctx: NativeContext, s: Value): Value => (s as string).length === 0;
  const bytes = (_ctx: NativeContext, s: Value): Value => utf8Length(s as string);
  reg.fn("len", ["string"], (ctx, a) => len(ctx, a[0]));
  reg.getter("string", "len", len);
  reg.fn("is_empty", ["string"], (ctx, a) => isEmpty(ctx, a[0]));
  reg.getter("string", "is_empty", isEmpty);
  reg.fn("bytes", ["string"], (ctx, a) => bytes(ctx, a[0]));
  reg.getter("string", "bytes", bytes);
  reg.fn("to_blob", ["string"], (_ctx, a) => new RBlob(encodeUtf8(a[0] as string)));
}

export function register(reg: Registry): void {
  registerOperators(reg);
  registerBasics(reg);
  registerSearch(reg);
  registerSplit(reg);
  registerEdit(reg);
  registerChar(reg);
}
