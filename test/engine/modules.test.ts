// Modules (rhai-language.md §2.10, §12.3): script modules through the host resolver, and
// static host modules from the registry.
import { describe, expect, test } from "bun:test";
import type { EngineOptions } from "../../src/engine/api.ts";
import { Engine } from "../../src/engine/engine.ts";
import { RhaiError } from "../../src/engine/errors.ts";
import { toDebug, toDisplay } from "../../src/engine/format.ts";
import { RMap, type Value } from "../../src/engine/value.ts";

const MODULES: Record<string, string> = {
  m1: "export const X = 42;\nlet hidden = 1;\nfn f() { 7 }\nfn add(a, b) { a + b }\nprivate fn p() { 1 }\nfn q() { p() + 1 }",
  mod2: "fn ok() { 1 }\nfn g() {\n  throw \"in mod\";\n}\nfn h(x) { x / 0 }\nfn k() { g() }",
  mod3: "throw \"bad\";",
  outer: "import \"m1\" as sub;\nexport let Y = sub::X + 1;\nfn f() { sub::f() * 2 }",
  counted: "print(\"loaded\");\nexport const N = 1;",
  deep: "fn r(n) { r(n + 1) }",
  mod4: "let x = 5;\nx.foo",
};

function opts(extra: EngineOptions = {}): EngineOptions {
  return { resolveModule: (p) => MODULES[p], ...extra };
}

function runWith(src: string, o: EngineOptions = opts()): Value {
  const e = new Engine(o);
  return e.run(e.compile(src));
}

function str(src: string, o?: EngineOptions): string {
  return toDisplay(runWith(src, o));
}

function err(src: string, o?: EngineOptions): string {
  try {
    const v = runWith(src, o);
    throw new Error(`expected an error, got ${toDebug(v)}`);
  } catch (e) {
    if (e instanceof RhaiError) return e.toString();
    throw e;
  }
}

describe("script modules", () => {
  const values: [string, string][] = [
    ["import \"m1\" as m; m::f()", "7"],
    ["import \"m1\" as m; m::add(40, 2)", "42"],
    ["import \"m1\" as m; m::X", "42"],
    ["import \"m1\" as m; m::q()", "2"],
    ["import \"outer\" as o; o::Y", "43"],
    ["import \"outer\" as o; o::f()", "14"],
    ["import \"outer\" as o; o::sub::f()", "7"],
    ["import \"outer\" as o; o::sub::X", "42"],
    ["let r = { import \"m1\" as m; m::f() }; r", "7"],
    ["fn f() { import \"m1\" as m; m::f() + 1 } f()", "8"],
    ["import \"m1\"; 5", "5"],
    ["let p = \"m\" + \"1\"; import p as m; m::X", "42"],
    ["import \"mod2\" as m; let r; try { m::g() } catch (e) { r = e } r", "in mod"],
  ];
  for (const [src, want] of values) test(src, () => expect(str(src)).toBe(want));

  const errors: [string, string][] = [
    ["import \"nosuch\" as m; m::f()", "Module not found: nosuch (line 1, position 8)"],
    ["import \"m1\" as m; m::hidden", "Variable not found: m::hidden (line 1, position 19)"],
    ["import \"mod3\" as m;", "Runtime error: bad (line 1, position 1)\nin module 'mod3' (line 1, position 8)"],
    ["import \"mod4\" as m;", "Unknown property 'foo' - a getter is not registered for type 'i64' (line 2, position 3)\nin module 'mod4' (line 1, position 8)"],
    ["{ import \"m1\" as m; } m::f()", "Syntax error: Undefined module: m (line 1, position 23)"],
    ["q::f()", "Syntax error: Undefined module: q (line 1, position 1)"],
    ["import 1 as m;", "Data type incorrect: i64 (expecting string) (line 1, position 8)"],
  ];
  for (const [src, want] of errors) test(src, () => expect(err(src)).toBe(want));

  // Qualified calls `m::f()` are positioned at the function name (§12.3: `m::g()` → position 24).
  const callErrors: [string, string][] = [
    ["import \"m1\" as m; m::p()", "Function not found: m::p () (line 1, position 22)"],
    ["import \"m1\" as m; m::nope(1)", "Function not found: m::nope (i64) (line 1, position 22)"],
    [
      "import \"mod2\" as m; m::g()",
      "Runtime error: in mod @ 'mod2' (line 3, position 3)\nin call to function 'g' (from 'mod2') (line 1, position 24)",
    ],
    [
      "import \"mod2\" as m;\nm::h(1)",
      "Division by zero: 1 / 0 @ 'mod2'\nin call to function 'h' (from 'mod2') (line 2, position 4)",
    ],
    [
      "import \"mod2\" as m; m::k()",
      "Runtime error: in mod @ 'mod2' (line 3, position 3)\nin call to function 'g' (from 'mod2') (line 6, position 10)\nin call to function 'k' (from 'mod2') (line 1, position 24)",
    ],
    ["import \"deep\" as d; d::r(0)", "Stack overflow (line 1, position 24)"],
  ];
  for (const [src, want] of callErrors) test(src, () => expect(err(src)).toBe(want));

  test("no resolver: Module not found", () => {
    expect(err("import \"m1\" as m;", {})).toBe("Module not found: m1 (line 1, position 8)");
  });

  test("caught ErrorInModule / ErrorModuleNotFound maps", () => {
    expect(str("let r; try { import \"mod4\" as m; } catch (e) { r = e } [r.error, r[\"module\"], r.line, r.position]")).toBe(
      "[\"ErrorInModule\", \"mod4\", 1, 21]",
    );
    // A thrown value is delivered as itself, through the module wrapper (§12.4).
    expect(str("let r; try { import \"mod3\" as m; } catch (e) { r = e } r")).toBe("bad");
    expect(str("let r; try { import \"zz\" as m; } catch (e) { r = e } [r.error, r[\"module\"], r.message]")).toBe(
      "[\"ErrorModuleNotFound\", \"zz\", \"Module not found: zz\"]",
    );
  });

  test("a module runs once per run and is fresh in the next run", () => {
    const lines: string[] = [];
    const e = new Engine(opts({ onPrint: (t) => lines.push(t) }));
    const p = e.compile("import \"counted\" as a; import \"counted\" as b; a::N + b::N");
    expect(toDisplay(e.run(p))).toBe("2");
    expect(toDisplay(e.run(p))).toBe("2");
    expect(lines).toEqual(["loaded", "loaded"]);
  });

  test("max modules", () => {
    expect(err("import \"m1\" as a; import \"m1\" as b;", opts({ limits: { maxModules: 1 } }))).toBe(
      "Too many modules imported (line 1, position 26)",
    );
  });

  test("module variables are read-only", () => {
    expect(err("import \"m1\" as m; m::X = 1;")).toStartWith("Syntax error: ");
  });
});

describe("static host modules", () => {
  function hostEngine(): Engine {
    const e = new Engine({ strictVariables: true });
    const w = e.registry.module("write");
    w.constant("replace", "REPLACE").constant("append", "APPEND");
    w.fn("mode", ["string"], (_c, a) => `mode:${a[0] as string}`);
    w.fn("fail", [], () => {
      throw new RhaiError("ErrorRuntime", "Runtime error: nope", undefined, "nope");
    });
    const k = e.registry.module("IoErrorKind");
    k.constant("NotFound", "NotFound").constant("PermissionDenied", "PermissionDenied");
    const s = e.registry.module("SizeRange");
    s.submodule("units").constant("KiB", 1024);
    s.submodule("units").fn("kib", ["int"], (_c, a) => (a[0] as number) * 1024);
    return e;
  }
  function hs(src: string): string {
    const e = hostEngine();
    return toDisplay(e.run(e.compile(src)));
  }
  function he(src: string): string {
    const e = hostEngine();
    try {
      e.run(e.compile(src));
    } catch (x) {
      if (x instanceof RhaiError) return x.toString();
      throw x;
    }
    throw new Error("expected an error");
  }
  const values: [string, string][] = [
    ["write::replace", "REPLACE"],
    ["[write::replace, write::append]", "[\"REPLACE\", \"APPEND\"]"],
    ["IoErrorKind::NotFound == \"NotFound\"", "true"],
    ["write::mode(\"x\")", "mode:x"],
    ["SizeRange::units::KiB", "1024"],
    ["SizeRange::units::kib(2)", "2048"],
    ["fn f() { write::replace } f()", "REPLACE"],
    ["let r; try { write::fail() } catch (e) { r = e } r", "nope"],
  ];
  for (const [src, want] of values) test(src, () => expect(hs(src)).toBe(want));
  const errors: [string, string][] = [
    ["write::nothing", "Variable not found: write::nothing (line 1, position 1)"],
    ["nowrite::replace", "Syntax error: Undefined module: nowrite (line 1, position 1)"],
  ];
  for (const [src, want] of errors) test(src, () => expect(he(src)).toBe(want));
  const callErrors: [string, string][] = [
    ["write::mode(1)", "Function not found: write::mode (i64) (line 1, position 8)"],
    ["write::fail()", "Runtime error: nope (line 1, position 8)"],
  ];
  for (const [src, want] of callErrors) test(src, () => expect(he(src)).toBe(want));
  test("module values are copies", () => {
    const e = hostEngine();
    e.registry.module("lists").constant("L", [1, 2]);
    expect(toDisplay(e.run(e.compile("let a = lists::L; a.push(3); [a, lists::L]")))).toBe("[[1, 2, 3], [1, 2]]");
  });
  test("names are data, not JS properties", () => {
    const e = hostEngine();
    for (const n of ["__proto__", "constructor", "toString"]) {
      expect(() => e.run(e.compile(`write::${n}`))).toThrow(`Variable not found: write::${n}`);
    }
    expect(new RMap().get("x")).toBeUndefined();
  });
});

// The importer context (EngineOptions.moduleId): ids key the once-per-run cache, are passed
// back as the importer of nested imports, and detect cycles (runner.md §4.3).
describe("module ids and the importer context", () => {
  const FILES: Record<string, string> = {
    "/s/lib/a": "import \"b\" as b;\nexport const X = b::Y + 1;",
    "/s/lib/b": "print(\"b\");\nexport const Y = 10;",
    "/s/self": "import \"self\" as me;",
    "/s/c1": "import \"c2\";",
    "/s/c2": "import \"c1\";",
    "/s/boom": "1",
  };
  const join = (dir: string, p: string) => (p.startsWith("/") ? p : `${dir}/${p}`.replace(/\/[^/]+\/\.\.\//g, "/"));
  const dirOf = (id: string) => id.slice(0, id.lastIndexOf("/"));
  function fileOpts(calls: string[] = [], lines: string[] = []): EngineOptions {
    return {
      onPrint: (t) => lines.push(t),
      moduleId: (p, importer) => {
        calls.push(`${p} from ${importer ?? "main"}`);
        return join(importer === undefined ? "/s" : dirOf(importer), p);
      },
      resolveModule: (p, _pos, id) => {
        if (id === "/s/boom") throw new RhaiError("ErrorRuntime", "Runtime error: denied", undefined, "denied");
        return Object.hasOwn(FILES, id) ? FILES[id] : undefined;
      },
    };
  }

  test("nested imports resolve against the importer's id", () => {
    const calls: string[] = [];
    expect(str("import \"lib/a\" as a; a::X", fileOpts(calls))).toBe("11");
    expect(calls).toEqual(["lib/a from main", "b from /s/lib/a"]);
  });

  test("one load per id, whatever the path as written", () => {
    const lines: string[] = [];
    const src = "import \"lib/b\" as x; import \"lib/../lib/b\" as y; import \"/s/lib/b\" as z; import \"lib/a\" as a; x::Y + y::Y + z::Y + a::X";
    expect(str(src, fileOpts([], lines))).toBe("41");
    expect(lines).toEqual(["b"]);
  });

  const errors: [string, string][] = [
    ["import \"self\" as m;", "Cyclic module import: /s/self (line 1, position 8)\nin module 'self' (line 1, position 8)"],
    [
      "let x = 1;\nimport \"c1\";",
      "Cyclic module import: /s/c1 (line 1, position 8)\nin module 'c2' (line 1, position 8)\nin module 'c1' (line 2, position 8)",
    ],
    ["import \"nope\" as m;", "Module not found: nope (line 1, position 8)"],
    ["import \"lib/nope\" as m;", "Module not found: lib/nope (line 1, position 8)"],
    ["  import \"boom\";", "Runtime error: denied (line 1, position 10)"],
  ];
  for (const [src, want] of errors) test(src, () => expect(err(src, fileOpts())).toBe(want));

  test("a cycle is catchable and leaves nothing behind", () => {
    const e = new Engine(fileOpts());
    const p = e.compile("let r; try { import \"c1\"; } catch (x) { r = x } [r, { import \"lib/a\" as a; a::X }]");
    expect(toDebug(e.run(p))).toBe('["Cyclic module import: /s/c1", 11]');
    expect(toDebug(e.run(p))).toBe('["Cyclic module import: /s/c1", 11]');
  });

  test("without moduleId the id is the path as written (self-import is a cycle)", () => {
    const o: EngineOptions = { resolveModule: (p, _pos, id) => (id === p && p === "loop" ? "import \"loop\";" : undefined) };
    expect(err("import \"loop\";", o)).toBe("Cyclic module import: loop (line 1, position 8)\nin module 'loop' (line 1, position 8)");
  });
});
