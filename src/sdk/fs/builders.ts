// Builders and option values (sdk-fs.md §2): `Ctor()` → builder with all fields unset;
// each setter returns an updated builder and writes it back to the receiver (builders are
// immutable objects, so sharing them between variables is the same as copying); `build()`
// → the value.

import type { Registry, TypeSpec } from "../../engine/registry.ts";
import type { INT, Value } from "../../engine/value.ts";
import { stringError } from "./errors.ts";

export class DirConfig {
  constructor(readonly path: string) {}
}

export class OpenDirOptions {
  constructor(
    readonly create = false,
    readonly recursive = false,
    readonly follow = false,
  ) {}
}

export class OpenFileOptions {
  constructor(
    readonly read = false,
    readonly write = false,
    readonly create = false,
    /** Creation mode, already masked with 0o777; undefined = default. */
    readonly permissions: number | undefined = undefined,
    readonly follow = false,
  ) {}
}

export class ReadLinesOptions {
  constructor(
    readonly count: INT | undefined,
    readonly start: INT | undefined,
  ) {}
}

export class WriteOptions {
  constructor(readonly preserveOwnership = true) {}
}

type Fields = Record<string, Value>;

interface FieldSpec {
  name: string;
  type: TypeSpec;
  /** Convert/check the value when the setter is called (throws plain-string errors). */
  convert?: (v: Value) => Value;
  /** Side effects on other fields (OpenFileOptions.create(true) sets write). */
  also?: (f: Fields, v: Value) => void;
}

interface BuilderSpec {
  ctor: string;
  builder: string;
  value: string;
  valueClass: Function;
  fields: FieldSpec[];
  build: (f: Fields) => object;
}

function nonNegative(setter: string): (v: Value) => Value {
  return (v) => {
    if ((v as INT) < 0) throw stringError(`Parameter conversion failed for ${setter}: out of range integral type conversion attempted`);
    return v;
  };
}

function maskPermissions(v: INT): number {
  return typeof v === "bigint" ? Number(v & 0o777n) : Number(BigInt(v) & 0o777n);
}

export const BUILDERS: BuilderSpec[] = [
  {
    ctor: "DirConfig",
    builder: "DirConfigBuilder",
    value: "DirConfig",
    valueClass: DirConfig,
    fields: [{ name: "path", type: "string" }],
    build: (f) => {
      if (f.path === undefined) throw stringError("Invalid arguments: Field not initialized: path");
      return new DirConfig(f.path as string);
    },
  },
  {
    ctor: "OpenDirOptions",
    builder: "OpenDirOptionsBuilder",
    value: "OpenDirOptions",
    valueClass: OpenDirOptions,
    fields: [
      { name: "create", type: "bool" },
      { name: "recursive", type: "bool" },
      { name: "follow_symlinks", type: "bool" },
    ],
    build: (f) => new OpenDirOptions(f.create === true, f.recursive === true, f.follow_symlinks === true),
  },
  {
    ctor: "OpenFileOptions",
    builder: "OpenFileOptionsBuilder",
    value: "OpenFileOptions",
    valueClass: OpenFileOptions,
    fields: [
      { name: "read", type: "bool" },
      { name: "write", type: "bool" },
      { name: "create", type: "bool", also: (f, v) => void (v === true && (f.write = true)) },
      { name: "permissions", type: "int", convert: (v) => maskPermissions(v as INT) },
      { name: "follow_symlinks", type: "bool" },
    ],
    build: (f) =>
      new OpenFileOptions(
        f.read === true,
        f.write === true,
        f.create === true,
        f.permissions as number | undefined,
        f.follow_symlinks === true,
      ),
  },
  {
    ctor: "ReadLinesOptions",
    builder: "ReadLinesOptionsBuilder",
    value: "ReadLinesOptions",
    valueClass: ReadLinesOptions,
    fields: [
      { name: "count", type: "int" },
      { name: "start", type: "int", convert: nonNegative("start") },
    ],
    build: (f) => {
      if (f.start === 0) throw stringError("Invalid line to start reading from: must be a positive integer greater than 1 (>= 1): 0");
      return new ReadLinesOptions(f.count as INT | undefined, f.start as INT | undefined);
    },
  },
  {
    ctor: "WriteOptions",
    builder: "WriteOptionsBuilder",
    value: "WriteOptions",
    valueClass: WriteOptions,
    fields: [{ name: "preserve_ownership", type: "bool" }],
    build: (f) => new WriteOptions(f.preserve_ownership !== false),
  },
];

/** Register every builder: constructor, setters, build, and the two type names. */
export function registerBuilders(reg: Registry): void {
  for (const spec of BUILDERS) {
    const B = class {
      constructor(readonly f: Fields) {}
    };
    reg.registerType(B, { name: spec.builder });
    reg.registerType(spec.valueClass, { name: spec.value });
    reg.fn(spec.ctor, [], () => new B(Object.create(null) as Fields));
    for (const field of spec.fields) {
      reg.fn(
        field.name,
        [spec.builder, field.type],
        (_ctx, args) => {
          const b = args[0] as InstanceType<typeof B>;
          const v = field.convert ? field.convert(args[1]) : args[1];
          const f = Object.assign(Object.create(null) as Fields, b.f);
          f[field.name] = v;
          field.also?.(f, v);
          const nb = new B(f);
          args[0] = nb;
          return nb;
        },
        { mut: true },
      );
    }
    reg.fn("build", [spec.builder], (_ctx, args) => spec.build((args[0] as InstanceType<typeof B>).f));
  }
}
