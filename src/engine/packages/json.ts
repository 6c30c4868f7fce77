// `parse_json` (rhai-stdlib.md §2.1): the text is parsed as a Rhai expression in JSON mode
// (`{` means `#{`, `null` means `()`), then the single literal expression is evaluated
// here: it is made only of literals, arrays and maps.

import type { Expr } from "../ast.ts";
import { ParseError, RhaiError } from "../errors.ts";
import { parse } from "../parser/index.ts";
import type { Registry } from "../registry.ts";
import { INT_MIN, intFromBig, RFloat, RMap, toBig, type Value } from "../value.ts";

function literal(e: Expr): Value {
  switch (e.k) {
    case "lit":
      return e.value;
    case "array":
      return e.items.map(literal);
    case "map": {
      const m = new RMap();
      for (const en of e.entries) m.set(en.key, literal(en.value));
      return m;
    }
    case "unary": {
      const v = literal(e.arg);
      if (e.op === "+" && (typeof v === "number" || typeof v === "bigint" || v instanceof RFloat)) return v;
      if (e.op === "-") {
        if (typeof v === "number") return v === 0 ? 0 : -v;
        if (typeof v === "bigint" && v !== INT_MIN) return intFromBig(-toBig(v));
        if (v instanceof RFloat) return new RFloat(-v.v);
      }
      break;
    }
  }
  throw new ParseError("Invalid JSON: only literals, arrays and objects are allowed", e.pos);
}

export function parseJson(reg: Registry, text: string): Value {
  const script = parse(text, { jsonMode: true, strictVariables: false });
  let value: Value = undefined;
  if (script.body.length > 0) {
    const st = script.body[0]!;
    if (script.body.length > 1 || st.k !== "expr") {
      throw new ParseError("Invalid JSON: expecting a single object", st.pos);
    }
    value = literal(st.expr);
  }
  if (!(value instanceof RMap)) {
    const actual = reg.typeName(value);
    throw new RhaiError("ErrorMismatchOutputType", `Output type incorrect: ${actual} (expecting map)`).with({
      requested: "map",
      actual,
    });
  }
  return value;
}
