import { describe, expect, test } from "bun:test";
import {
  FsEntityError,
  fsEntity,
  fsRequest,
  leafName,
  parentPath,
} from "../../../src/policy/entities/file_system.ts";

function chain(kind: "File" | "Dir", p: string): string[] {
  const { entities } = fsEntity(kind, p);
  // follow the parent links from the resource
  const byId = new Map(entities.map((e) => [`${e.uid.type}:${e.uid.id}`, e]));
  const out: string[] = [];
  let cur = entities[0];
  while (cur) {
    out.push(`${cur.uid.type.replace("file_system::", "")}::"${cur.uid.id}"`);
    expect(cur.attrs).toEqual({ path: cur.uid.id });
    expect(cur.parents.length).toBeLessThanOrEqual(1);
    const p = cur.parents[0];
    cur = p ? byId.get(`${p.type}:${p.id}`)! : undefined!;
  }
  expect(out.length).toBe(entities.length);
  return out;
}

describe("file_system entities (cedar.md §4.1)", () => {
  const table: [string, "File" | "Dir", string[]][] = [
    ["/var/log/app/x.log", "File", ['File::"/var/log/app/x.log"', 'Dir::"/var/log/app"', 'Dir::"/var/log"', 'Dir::"/var"', 'Dir::"/"']],
    ["/var/log/", "Dir", ['Dir::"/var/log"', 'Dir::"/var"', 'Dir::"/"']],
    ["/", "Dir", ['Dir::"/"']],
    ["/a//b", "Dir", ['Dir::"/a//b"', 'Dir::"/a"', 'Dir::"/"']],
    ["/tmp/./x", "File", ['File::"/tmp/./x"', 'Dir::"/tmp"', 'Dir::"/"']],
    ["/srv/app/", "File", ['File::"/srv/app/"', 'Dir::"/srv"', 'Dir::"/"']],
    ["/a/b/.", "Dir", ['Dir::"/a/b/."', 'Dir::"/a"', 'Dir::"/"']],
    ["//a", "Dir", ['Dir::"//a"', 'Dir::"/"']],
    ["/a", "File", ['File::"/a"', 'Dir::"/"']],
    ["/x y/\\z/é", "File", ['File::"/x y/\\z/é"', 'Dir::"/x y/\\z"', 'Dir::"/x y"', 'Dir::"/"']],
  ];
  for (const [p, kind, want] of table) test(`${kind} ${p}`, () => expect(chain(kind, p)).toEqual(want));

  const errors: [string, "File" | "Dir", string][] = [
    ["relative/x", "File", "Path is not absolute relative/x"],
    ["", "Dir", "Path is not absolute "],
    ["/tmp/../etc/passwd", "File", "Path traversal detected /tmp/../etc/passwd"],
    ["/tmp/..", "Dir", "Path traversal detected /tmp/.."],
    ["/tmp/a*b", "File", "Path contains invalid characters /tmp/a*b"],
    ["/tmp/a\nb", "File", "Path contains invalid characters /tmp/a\nb"],
    ["/tmp/a\0b", "Dir", "Path contains invalid characters /tmp/a\0b"],
    ["/tmp/<>", "Dir", "Path contains invalid characters /tmp/<>"],
    ['/tmp/"q"', "Dir", 'Path contains invalid characters /tmp/"q"'],
    ["/tmp/a|b", "Dir", "Path contains invalid characters /tmp/a|b"],
    ["/tmp/a?", "Dir", "Path contains invalid characters /tmp/a?"],
    ["rel/*", "Dir", "Path contains invalid characters rel/*"],
    ["/", "File", "No parent path"],
    ["//", "File", "No parent path"],
    ["/.", "File", "No parent path"],
  ];
  for (const [p, kind, msg] of errors)
    test(`${kind} ${JSON.stringify(p)} → ${msg}`, () => {
      expect(() => fsEntity(kind, p)).toThrow(new FsEntityError(msg));
    });

  test("..x and x.. are ordinary names", () => {
    expect(chain("File", "/a/..x/y..")[0]).toBe('File::"/a/..x/y.."');
  });

  test("parent paths", () => {
    const cases: [string, string | undefined][] = [
      ["/a//b", "/a"],
      ["/a/./b", "/a"],
      ["/a/b/.", "/a"],
      ["//a", "/"],
      ["/a", "/"],
      ["/", undefined],
      ["/a/b/", "/a"],
      ["rel", ""],
    ];
    for (const [p, want] of cases) expect(parentPath(p)).toBe(want);
  });

  test("leaf names", () => {
    const cases: [string, string | undefined][] = [
      ["/a/b", "b"],
      ["/a/b/", "b"],
      ["/a/b/.", "b"],
      ["/", undefined],
      ["", undefined],
      ["/a/..", undefined],
      ["x", "x"],
    ];
    for (const [p, want] of cases) expect(leafName(p)).toBe(want);
  });

  test("request shape", () => {
    const r = fsRequest("read", "File", "/tmp/a.txt");
    expect(r.action).toEqual({ type: "file_system::Action", id: "read" });
    expect(r.resource).toEqual({ type: "file_system::File", id: "/tmp/a.txt" });
    expect(r.context).toEqual({});
    expect(r.entities.map((e) => e.uid.id)).toEqual(["/tmp/a.txt", "/tmp", "/"]);
  });
});
