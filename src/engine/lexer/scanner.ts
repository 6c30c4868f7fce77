// Character access for the lexer: the source as Unicode scalar values with line/column
// tracking in characters (rhai-language.md §1.1).

export const LF = 10;
export const CR = 13;

export class LexFail {
  constructor(
    public readonly message: string,
    public readonly line: number,
    public readonly pos: number,
  ) {}
}

export class Scanner {
  /** Code points of the source. */
  readonly cps: Int32Array;
  /** UTF-16 offset of each code point (length n + 1). */
  readonly off: Int32Array;
  readonly n: number;
  i = 0;
  line = 1;
  col = 1;

  constructor(readonly src: string) {
    const cps = new Int32Array(src.length);
    const off = new Int32Array(src.length + 1);
    let n = 0;
    for (let u = 0; u < src.length; ) {
      const c = src.codePointAt(u)!;
      cps[n] = c;
      off[n] = u;
      n++;
      u += c > 0xffff ? 2 : 1;
    }
    off[n] = src.length;
    this.cps = cps;
    this.off = off;
    this.n = n;
  }

  /** The code point at i + k, or -1 past the end. */
  peek(k = 0): number {
    const j = this.i + k;
    return j < this.n ? this.cps[j]! : -1;
  }

  /** Consume one character, keeping line/column. */
  adv(): number {
    const c = this.cps[this.i++]!;
    if (c === LF) {
      this.line++;
      this.col = 1;
    } else {
      this.col++;
    }
    return c;
  }

  slice(a: number, b: number): string {
    return this.src.slice(this.off[a], this.off[b]);
  }

  fail(message: string, line = this.line, pos = this.col): never {
    throw new LexFail(message, line, pos);
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
export function isIdChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 95;
}
export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === LF || c === 12 || c === CR;
}
export function hexVal(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}
