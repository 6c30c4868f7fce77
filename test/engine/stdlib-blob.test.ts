// BLOBs (rhai-stdlib.md §11), called through the Registry with a fake NativeContext.
// BLOBs are written in their text form: two hex digits per byte, a space after every 8.
import { describe, expect, test } from "bun:test";
import type { Value } from "../../src/engine/value.ts";
import { blob, call, ch, dbg, f, fails, fakeContext, flags, invoke, ri, rx } from "./stdlib-fake-context.ts";
import { err, str } from "./helpers.ts";

const B = () => blob(1, 2, 3, 4, 5);

describe("blob results", () => {
  const cases: [string, Value[], string][] = [
    ["blob", [], "[]"],
    ["blob", [3], "[000000]"],
    ["blob", [0], "[]"],
    ["blob", [-5], "[]"],
    ["blob", [3, 0x1ff], "[ffffff]"],
    ["blob", [2, -1], "[ffff]"],
    ["blob", [10, 7], "[0707070707070707 0707]"],
    ["to_array", [blob(1, 255)], "[1, 255]"],
    ["to_array", [blob()], "[]"],
    ["as_string", [blob(0x68, 0xc3, 0xa9)], '"hé"'],
    ["as_string", [blob(0x61, 0xff, 0x62)], '"a\uFFFDb"'],
    ["len", [B()], "5"],
    ["is_empty", [blob()], "true"],
    ["is_empty", [B()], "false"],
    ["contains", [B(), 3], "true"],
    ["contains", [B(), 0x103], "true"],
    ["contains", [B(), 9], "false"],
    ["get", [B(), 0], "1"],
    ["get", [B(), -1], "5"],
    ["get", [B(), -10], "1"],
    ["get", [B(), 5], "0"],
    ["get", [blob(), 0], "0"],
    ["extract", [B(), 1, 2], "[0203]"],
    ["extract", [B(), -2], "[0405]"],
    ["extract", [B(), 1, 0], "[]"],
    ["extract", [B(), 9, 1], "[]"],
    ["extract", [B(), rx(1, 3)], "[0203]"],
    ["extract", [B(), ri(1, 3)], "[020304]"],
    ["extract", [B(), rx(-3, 2)], "[0102]"],
    ["parse_le_int", [blob(1, 2), 0, 2], "513"],
    ["parse_le_int", [blob(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0, 8], "-1"],
    ["parse_le_int", [blob(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 9), 0, 9], "9223372036854775807"],
    ["parse_le_int", [blob(1, 2, 3), 1, 1], "2"],
    ["parse_le_int", [blob(1, 2, 3), 3, 1], "0"],
    ["parse_le_int", [blob(1, 2, 3), rx(1, 3)], "770"],
    ["parse_le_int", [blob(1, 2, 3), ri(0, 0)], "1"],
    ["parse_be_int", [blob(1, 2), 0, 2], "72620543991349248"],
    ["parse_be_int", [blob(0, 0, 0, 0, 0, 0, 1, 2), 0, 8], "258"],
    ["parse_be_int", [blob(1, 2), rx(0, 2)], "72620543991349248"],
    ["parse_be_int", [blob(), 0, 8], "0"],
    ["parse_le_float", [blob(0, 0, 0, 0, 0, 0, 0xf0, 0x3f), 0, 8], "1.0"],
    ["parse_be_float", [blob(0x3f, 0xf0), 0, 8], "1.0"],
    ["parse_be_float", [blob(0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18), ri(0, 7)], "3.141592653589793"],
    ["parse_le_float", [blob(), 0, 8], "0.0"],
  ];
  test.each(cases)("%s %p", (name, args, expected) => {
    expect(dbg(call(name, ...args))).toBe(expected);
  });
});

describe("blob mutation: [result, receiver after]", () => {
  const cases: [string, Value[], string, string][] = [
    ["set", [B(), 0, 0x1ff], "()", "[ff02030405]"],
    ["set", [B(), -1, 9], "()", "[0102030409]"],
    ["set", [B(), -10, 9], "()", "[0902030405]"],
    ["set", [B(), 5, 9], "()", "[0102030405]"],
    ["push", [blob(1), 256 + 7], "()", "[0107]"],
    ["append", [blob(1), -1], "()", "[01ff]"],
    ["append", [blob(1), blob(2, 3)], "()", "[010203]"],
    ["append", [blob(1), "hé"], "()", "[0168c3a9]"],
    ["append", [blob(), ch("\u2764")], "()", "[e29da4]"],
    ["insert", [B(), 1, 9], "()", "[010902030405]"],
    ["insert", [B(), -1, 9], "()", "[010203040905]"],
    ["insert", [B(), -10, 9], "()", "[090102030405]"],
    ["insert", [B(), 10, 9], "()", "[010203040509]"],
    ["insert", [blob(), 3, 9], "()", "[09]"],
    ["pad", [blob(1), 3, 0x1ff], "()", "[01ffff]"],
    ["pad", [B(), 3, 0], "()", "[0102030405]"],
    ["pad", [B(), -3, 0], "()", "[0102030405]"],
    ["pop", [B()], "5", "[01020304]"],
    ["pop", [blob()], "0", "[]"],
    ["shift", [B()], "1", "[02030405]"],
    ["shift", [blob()], "0", "[]"],
    ["remove", [B(), 1], "2", "[01030405]"],
    ["remove", [B(), -1], "5", "[01020304]"],
    ["remove", [B(), 5], "0", "[0102030405]"],
    ["remove", [B(), -6], "0", "[0102030405]"],
    ["clear", [B()], "()", "[]"],
    ["reverse", [B()], "()", "[0504030201]"],
    ["truncate", [B(), 2], "()", "[0102]"],
    ["truncate", [B(), -2], "()", "[]"],
    ["truncate", [B(), 9], "()", "[0102030405]"],
    ["chop", [B(), 2], "()", "[0405]"],
    ["chop", [B(), 0], "()", "[]"],
    ["chop", [B(), 9], "()", "[0102030405]"],
    ["splice", [B(), 1, 2, blob(9, 9, 9)], "()", "[010909090405]"],
    ["splice", [blob(), 1, 2, blob(9)], "()", "[09]"],
    ["splice", [B(), 1, 0, blob(9)], "()", "[010203040509]"],
    ["splice", [B(), 7, 2, blob(9)], "()", "[010203040509]"],
    ["splice", [B(), -1, 1, blob(9)], "()", "[0102030409]"],
    ["splice", [B(), rx(0, 2), blob(9)], "()", "[09030405]"],
    ["splice", [B(), ri(3, 10), blob()], "()", "[010203]"],
    ["split", [B(), 2], "[030405]", "[0102]"],
    ["split", [B(), -1], "[05]", "[01020304]"],
    ["split", [B(), 5], "[]", "[0102030405]"],
    ["split", [B(), -9], "[0102030405]", "[]"],
    ["split", [blob(), 0], "[]", "[]"],
    ["drain", [B(), 1, 2], "[0203]", "[010405]"],
    ["drain", [B(), 1, 0], "[]", "[0102030405]"],
    ["drain", [B(), 7, 2], "[]", "[0102030405]"],
    ["drain", [B(), rx(3, 9)], "[0405]", "[010203]"],
    ["drain", [B(), ri(0, 0)], "[01]", "[02030405]"],
    ["retain", [B(), 1, 2], "[010405]", "[0203]"],
    ["retain", [B(), 1, 0], "[]", "[0102030405]"],
    ["retain", [blob(), 1, 2], "[]", "[]"],
    // (quirk) len > 0 but nothing selected: every byte is removed and returned.
    ["retain", [B(), 5, 2], "[0102030405]", "[]"],
    ["retain", [B(), rx(1, 3)], "[010405]", "[0203]"],
    ["retain", [B(), ri(4, 4)], "[01020304]", "[05]"],
    ["write_le", [blob(0, 0, 0, 0), 1, 2, 0x0102], "()", "[00020100]"],
    ["write_le", [blob(0, 0), 0, 9, -1], "()", "[ffff]"],
    ["write_be", [blob(0, 0, 0, 0), 0, 2, 0x0102], "()", "[00000000]"],
    ["write_be", [blob(0, 0, 0, 0, 0, 0, 0, 0, 0), 1, 8, 0x0102], "()", "[0000000000000001 02]"],
    ["write_le", [blob(0, 0), rx(0, 1), 0xabcd], "()", "[cd00]"],
    ["write_be", [blob(0, 0), ri(0, 1), -2], "()", "[ffff]"],
    ["write_le", [blob(0, 0, 0, 0, 0, 0, 0, 0), 0, 8, f(1)], "()", "[000000000000f03f]"],
    ["write_be", [blob(0, 0), 0, 8, f(1)], "()", "[3ff0]"],
    ["write_be", [blob(0, 0, 0), rx(1, 3), f(-2)], "()", "[00c000]"],
    ["write_le", [blob(0, 0), 5, 8, 1], "()", "[0000]"],
    ["write_le", [blob(0, 0), 0, 0, 1], "()", "[0000]"],
    ["write_utf8", [blob(0, 0, 0), 0, 2, "hé"], "()", "[68c300]"],
    ["write_utf8", [blob(0, 0, 0, 0, 0), 1, 9, "hé"], "()", "[0068c3a900]"],
    ["write_utf8", [blob(1, 1), rx(0, 2), ""], "()", "[0101]"],
    ["write_utf8", [blob(0, 0), ri(1, 1), "xyz"], "()", "[0078]"],
    ["write_ascii", [blob(0, 0, 0, 0), 0, 4, "aé€b"], "()", "[61620000]"],
    ["write_ascii", [blob(0, 0, 0, 0), 1, 1, "xy"], "()", "[00780000]"],
    ["write_ascii", [blob(0, 0), rx(0, 2), "hello"], "()", "[6865]"],
    ["write_ascii", [blob(0, 0), ri(0, 0), "hi"], "()", "[6800]"],
  ];
  test.each(cases)("%s %p", (name, args, result, receiver) => {
    const [r, b] = invoke(name, args);
    expect([dbg(r), dbg(b)]).toEqual([result, receiver]);
  });
});

describe("blob size limits", () => {
  const c = fakeContext({ maxArray: 4 });
  test.each([
    ["blob", [5], "Size of array/BLOB too large"],
    ["blob", [2 ** 40, 1], "Size of array/BLOB too large"],
    ["pad", [blob(1), 5, 0], "Size of BLOB too large"],
    ["pad", [blob(1), 2 ** 50, 0], "Size of BLOB too large"],
    ["push", [blob(1, 2, 3, 4), 5], "Size of array/BLOB too large"],
    ["append", [blob(1, 2, 3), "ab"], "Size of array/BLOB too large"],
    ["insert", [blob(1, 2, 3, 4), 0, 5], "Size of array/BLOB too large"],
    ["splice", [blob(1, 2, 3), 0, 1, blob(1, 2, 3)], "Size of array/BLOB too large"],
  ] as [string, Value[], string][])("%s %p", (name, args, message) => {
    expect(fails(name, args, c)).toBe(message);
  });
  test("within the limit", () => {
    expect(dbg(invoke("blob", [4], c)[0])).toBe("[00000000]");
    expect(dbg(invoke("pad", [blob(1), 4, 2], c)[1])).toBe("[01020202]");
  });
});

describe("blob Mut and ro* flags", () => {
  test.each([
    ["get", [blob(), 0], ""],
    ["set", [blob(), 0, 0], "mut"],
    ["push", [blob(), 0], "mut"],
    ["append", [blob(), "a"], "mut"],
    ["insert", [blob(), 0, 0], "mut"],
    ["pad", [blob(), 0, 0], "mut"],
    ["pop", [blob()], "mut"],
    ["shift", [blob()], "mut"],
    ["remove", [blob(), 0], "mut"],
    ["clear", [blob()], "mut"],
    ["reverse", [blob()], "mut"],
    ["truncate", [blob(), 0], "mut"],
    ["chop", [blob(), 0], "mut"],
    ["splice", [blob(), rx(0, 1), blob()], "mut"],
    ["extract", [blob(), 0, 1], "ro*"],
    ["extract", [blob(), ri(0, 1)], "ro*"],
    ["split", [blob(), 0], "mut"],
    ["drain", [blob(), 0, 1], "mut"],
    ["retain", [blob(), rx(0, 1)], "mut"],
    ["parse_le_int", [blob(), 0, 1], ""],
    ["write_le", [blob(), 0, 1, 1], "mut"],
    ["write_be", [blob(), rx(0, 1), f(1)], "mut"],
    ["write_utf8", [blob(), 0, 1, "a"], "mut"],
    ["write_ascii", [blob(), ri(0, 1), "a"], "mut"],
    ["to_array", [blob()], ""],
    ["as_string", [blob()], ""],
  ] as [string, Value[], string][])("%s %p", (name, args, expected) => {
    expect(flags(name, args)).toBe(expected);
  });
});

test("extract/split results are independent of the source", () => {
  const b = B();
  const part = call("extract", b, 0, 2);
  invoke("set", [b, 0, 9]);
  expect(dbg(part)).toBe("[0102]");
});

describe("script level", () => {
  test.each([
    ["blob(10, 7)", "[0707070707070707 0707]"],
    ["let b = blob(); b.push(1); b.append(\"hi\"); b.append('❤'); b", "[016869e29da4]"],
    ["let b = blob(2, 1); b.get(9)", "0"],
    ["let b = blob(); b.pop()", "0"],
    ["let b = blob(2, 1); b.write_be(0, 8, 0x0102); b", "[0000]"],
    ["let b = blob(8); b.write_le(0, 8, 1.0); b.parse_le_float(0, 8)", "1.0"],
    ["let b = blob(3, 0x41); b.as_string()", "AAA"],
    ["let b = blob(4, 1); let t = b.retain(5, 2); [b.len(), t.len()]", "[0, 4]"],
    ["const B = blob(3); B.len", "3"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(str(src)).toBe(expected);
  });
  test.each([
    ["const B = blob(3); B.extract(0, 1)", "Non-pure method 'extract' cannot be called on constant (line 1, position 22)"],
    ["blob(10)", "Size of array/BLOB too large (line 1, position 1)"],
  ] as [string, string][])("%s", (src, expected) => {
    expect(err(src, { limits: { maxArraySize: 5 } })).toBe(expected);
  });
});
