// Anonymous functions and closures (§3.7): evaluating a closure expression turns each captured
// variable's slot into a SharedCell (once) and curries the cells before the parameters.

import type { FnExpr } from "../ast.ts";
import { ParseError, type Position, RhaiError } from "../errors.ts";
import { FnPtr, SharedCell, type Value } from "../value.ts";
import type { Compiler } from "./compiler.ts";
import { mismatch, varNotFound } from "./expr.ts";
import { type Ev, barePtrs } from "./runtime.ts";

export function compileClosure(c: Compiler, e: FnExpr): Ev {
  const target = c.anonFn(e.fnName);
  const slots: number[] = [];
  const missing: string[] = [];
  for (const name of e.captures) {
    const info = c.scope.lookup(name);
    if (!info || info.module) missing.push(name);
    else slots.push(info.slot);
  }
  const name = e.fnName;
  const pos = e.pos;
  if (missing.length > 0) {
    return () => {
      throw varNotFound(missing[0]!, pos);
    };
  }
  return (f) => {
    const cells = new Array<Value>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      let v = f.s[s];
      if (!(v instanceof SharedCell)) f.s[s] = v = new SharedCell(v);
      cells[i] = v;
    }
    return new FnPtr(name, cells, target);
  };
}

/** A bare identifier naming a script function: a function pointer to it. */
export function fnPtrForName(name: string): Ev {
  return () => {
    const p = new FnPtr(name);
    barePtrs.add(p);
    return p;
  };
}

const KEYWORDS = new Set(
  (
    "true false let const if else switch do while until loop for in continue break return throw try catch fn " +
    "private import export as this print debug is_def_var is_def_fn Fn eval type_of call curry is_shared " +
    "var static shared sync async await yield spawn thread go goto use case public package super protected " +
    "is default new match with void null nil module"
  ).split(" "),
);

const SYMBOLS = new Set(
  (
    "+ - * / % ** << >> & | ^ == != < <= > >= && || ! = += -= *= /= %= **= <<= >>= &= |= ^= .. ..= ?? ?. ?[ . :: : , ; => " +
    "( ) [ ] { } #{ () !in _ ? # @ $ ~ ... ++ -- !. <| |> #!"
  ).split(" "),
);

/** `Fn(name)` (§3.7). */
export function makeFnPtr(v: Value, pos: Position | undefined, typeName: (v: Value) => string): FnPtr {
  if (typeof v !== "string") throw mismatch(typeName(v), "string", pos);
  if (KEYWORDS.has(v)) throw new ParseError(`'${v}' is a reserved keyword`, pos);
  if (SYMBOLS.has(v)) throw new ParseError(`'${v}' is a reserved symbol`, pos);
  if (!/^(?:[A-Za-z]|_+[A-Za-z])[A-Za-z0-9_]*$/.test(v)) {
    throw new RhaiError("ErrorFunctionNotFound", `Function not found: ${v}`, pos).with({ function: v });
  }
  return new FnPtr(v);
}

export function curryPtr(p: FnPtr, extra: Value[]): FnPtr {
  return new FnPtr(p.name, [...p.curry, ...extra], p.fn);
}
