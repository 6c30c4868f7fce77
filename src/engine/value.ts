// Rhai values as rex represents them. See docs/engine-values.md for the reasons.
//
//   INT        JS number holding a safe integer (|v| <= 2^53-1), or a bigint when outside
//              that range (always normalised: a bigint is never in the safe range).
//   FLOAT      RFloat (boxed so that 1 and 1.0 stay different types)
//   bool       JS boolean
//   string     JS string (always well-formed UTF-16: a sequence of Unicode scalar values)
//   char       RChar (interned per code point: RChar.of(cp))
//   ()         undefined
//   array      JS Array of Value
//   map        RMap (JS Map<string, Value>; keys are sorted when observed)
//   blob       RBlob (growable byte buffer)
//   timestamp  RTimestamp
//   Fn         FnPtr
//   range      RRange (exclusive or inclusive)
//   iterator   RIter (range(a,b,step), chars(s), bits(n) ...)
//   host types instances of classes registered with Registry.registerType
//
// A SharedCell never escapes as a value: it lives only in variable slots (captured variables).

export type INT = number | bigint;

export class RFloat {
  constructor(public readonly v: number) {}
}

export class RChar {
  private constructor(public readonly cp: number) {}
  private static readonly cache = new Map<number, RChar>();
  /** The char for a Unicode scalar value (caller guarantees validity). */
  static of(cp: number): RChar {
    let c = RChar.cache.get(cp);
    if (c === undefined) {
      c = new RChar(cp);
      if (RChar.cache.size < 65536) RChar.cache.set(cp, c);
    }
    return c;
  }
  toString(): string {
    return String.fromCodePoint(this.cp);
  }
}

export class RMap extends Map<string, Value> {
  /**
   * Set by host (SDK) functions on the error maps they throw: "denied" when the error comes
   * from a Cedar Deny or an OS EACCES/EPERM (runner.md §5.3). Survives copies, so a caught
   * error re-thrown unchanged keeps it. Invisible to scripts.
   */
  origin: string | undefined;
  /** Keys in Rhai's order: sorted by code point (not UTF-16 unit) order. */
  sortedKeys(): string[] {
    return [...this.keys()].sort(compareCodePoints);
  }
}

export class RBlob {
  constructor(public bytes: Uint8Array = new Uint8Array(0), public length: number = bytes.length) {}
  /** The live bytes (a view; copy before storing elsewhere). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
  ensure(cap: number): void {
    if (cap <= this.bytes.length) return;
    const n = new Uint8Array(Math.max(cap, this.bytes.length * 2, 8));
    n.set(this.view());
    this.bytes = n;
  }
  push(b: number): void {
    this.ensure(this.length + 1);
    this.bytes[this.length++] = b & 0xff;
  }
  clone(): RBlob {
    return new RBlob(this.view().slice(), this.length);
  }
}

export class RTimestamp {
  /** Milliseconds on the monotonic clock (performance.now()). */
  constructor(public readonly ms: number) {}
}

export class RRange {
  constructor(
    public readonly start: INT,
    public readonly end: INT,
    public readonly inclusive: boolean,
  ) {}
}

/** A lazily produced sequence usable by `for` (type_of "range"). */
export class RIter {
  constructor(public readonly next: () => Value | typeof ITER_DONE) {}
}
export const ITER_DONE: unique symbol = Symbol("iter-done");

/**
 * A function pointer. `fn` is the compiled script function it is bound to, when it is
 * bound to a definition (anonymous functions and closures); otherwise it is resolved by
 * `name` at call time.
 */
export class FnPtr {
  constructor(
    public readonly name: string,
    public readonly curry: readonly Value[] = [],
    public readonly fn: unknown = undefined,
  ) {}
  get isAnonymous(): boolean {
    return this.name.startsWith("anon$");
  }
}

/** A captured variable: both the closure and the enclosing scope see the same cell. */
export class SharedCell {
  constructor(public v: Value) {}
}

/** Host-registered custom types are plain class instances (HostObject is only a marker). */
export abstract class HostObject {}

export type Value =
  | INT
  | RFloat
  | boolean
  | string
  | RChar
  | undefined
  | Value[]
  | RMap
  | RBlob
  | RTimestamp
  | FnPtr
  | RRange
  | RIter
  | HostObject
  | object;

export const UNIT: undefined = undefined;

export const INT_MIN = -(2n ** 63n);
export const INT_MAX = 2n ** 63n - 1n;

/** Normalise a bigint INT: to a number when it is a safe integer. Caller checks range. */
export function intFromBig(b: bigint): INT {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** Is this bigint within INT range? */
export function bigInRange(b: bigint): boolean {
  return b >= INT_MIN && b <= INT_MAX;
}

export function isInt(v: Value): v is INT {
  return typeof v === "number" || typeof v === "bigint";
}

export function toBig(v: INT): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

/** Compare two JS strings by Unicode code point (Rhai's string order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, which sort after
    // every BMP code point, including 0xE000-0xFFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** UTF-8 byte length of a well-formed string (no allocation). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Number of Unicode scalar values in a string. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

const TAGS = new WeakMap<object, number>();

/** The value's tag (§4); primitives (INT, FLOAT, bool, char, string, ()) always have 0. */
export function getTag(v: Value): number {
  return typeof v === "object" && v !== null ? (TAGS.get(v) ?? 0) : 0;
}

/** Set the tag of an object value; returns false for primitives, which cannot carry one. */
export function setTag(v: Value, tag: number): boolean {
  if (typeof v !== "object" || v === null || v instanceof RChar) return false;
  if (tag === 0) TAGS.delete(v);
  else TAGS.set(v, tag);
  return true;
}

/**
 * Copy a value with Rhai's value semantics: arrays, maps and BLOBs are copied deeply;
 * immutable values (numbers, strings, chars, FLOATs, ranges, function pointers, timestamps)
 * and host handles are shared. Tags and map origins are preserved.
 */
export function deepCopy(v: Value): Value {
  if (typeof v !== "object" || v === null) return v;
  let out: Value;
  if (Array.isArray(v)) {
    const a = new Array<Value>(v.length);
    for (let i = 0; i < v.length; i++) a[i] = deepCopy(v[i]);
    out = a;
  } else if (v instanceof RMap) {
    const m = new RMap();
    for (const [k, x] of v) m.set(k, deepCopy(x));
    m.origin = v.origin;
    out = m;
  } else if (v instanceof RBlob) {
    out = v.clone();
  } else {
    return v;
  }
  const t = TAGS.get(v);
  if (t !== undefined) TAGS.set(out as object, t);
  return out;
}
