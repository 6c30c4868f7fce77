// Registration of the file-system SDK (P1 items of sdk-fs.md) on an engine registry.

import { RhaiError } from "../../engine/errors.ts";
import type { NativeFn, Registry } from "../../engine/registry.ts";
import { RMap, type Value } from "../../engine/value.ts";
import type { SdkContext } from "../context.ts";
import { registerBuilders, type DirConfig, type OpenDirOptions, type OpenFileOptions, type ReadLinesOptions, type WriteOptions } from "./builders.ts";
import { CAT_FLAGS, CatFlag, cat, LS_FLAGS, LsFlag, ls, readModuleText, WRITE_FLAGS, WriteFlag, write } from "./commands.ts";
import { DirEntry, entryMetadata, entryOpenAsDir, entryOpenAsFile, type WithEntry } from "./dir_entry.ts";
import { listDir, openDir } from "./dir_open.ts";
import { fsError, KIND_CONSTANT_COUNT, KIND_NAMES, RhaiSafeIoErrorKind } from "./errors.ts";
import { openFile } from "./file_open.ts";
import { dirMetadata, fileMetadata, readFile, readLines, symlinkMetadata, writeInPlace, writeReplace } from "./file_ops.ts";
import { DirHandle, FileHandle, SymlinkHandle } from "./handles.ts";
import { EntryType, Metadata, Ownership } from "./metadata.ts";
import { makeRuntime, type FsRuntime } from "./runtime.ts";

const runtimes = new WeakMap<SdkContext, FsRuntime>();

/**
 * Every SDK entry point: records the call site (line, function name) on the runtime for the
 * authorization requests it makes (restored afterwards, callbacks may nest SDK calls), and
 * turns unexpected JS exceptions into catchable `Other` errors (runner.md §5.3).
 */
/**
 * What an SDK call throws for `e`: Rhai errors (and ExitSignal etc.) unchanged; an unexpected
 * JavaScript exception becomes a catchable `Other` error and is reported to the runner.
 */
export function internalFailure(rt: FsRuntime, e: unknown): unknown {
  if (e instanceof RhaiError || !(e instanceof Error)) return e;
  const message = `Internal error: ${e.message}`;
  rt.ctx.internalError?.(message);
  return fsError("Other", message);
}

function wrapper(rt: FsRuntime): (fn: NativeFn) => NativeFn {
  return (fn) => (ctx, args) => {
    const line = rt.line;
    const api = rt.api;
    rt.line = ctx.pos?.line ?? 0;
    rt.api = ctx.fnName;
    try {
      return fn(ctx, args);
    } catch (e) {
      throw internalFailure(rt, e);
    } finally {
      rt.line = line;
      rt.api = api;
    }
  };
}

/** A memo-filling DirEntry method: writes the updated entry back to the receiver. */
function entryMethod(wrap: (fn: NativeFn) => NativeFn) {
  return <T extends Value>(f: (e: DirEntry, args: Value[]) => WithEntry<T>): NativeFn =>
    wrap((_ctx, args) => {
      const [v, e] = f(args[0] as DirEntry, args);
      args[0] = e;
      return v;
    });
}

function metadataToMap(m: Metadata): RMap {
  const out = new RMap();
  out.set("type", m.type.name);
  out.set("permissions", m.st.mode);
  out.set("file_size", m.st.size);
  out.set("allocated_size", m.st.blocks * 512);
  out.set("last_modified_time", m.st.mtimeSec);
  out.set("num_hardlinks", m.st.nlink);
  out.set("owner_user", m.owner.user);
  out.set("owner_group", m.owner.group);
  out.set("symlink_target", m.symlinkTarget);
  return out;
}

export function registerFsSdk(ctx: SdkContext): void {
  const reg: Registry = ctx.registry;
  const rt = makeRuntime(ctx);
  runtimes.set(ctx, rt);
  const wrap = wrapper(rt);
  const withEntry = entryMethod(wrap);

  registerBuilders(reg);
  reg.registerType(DirHandle, { name: "DirHandle" });
  reg.registerType(FileHandle, { name: "FileHandle" });
  reg.registerType(SymlinkHandle, { name: "SymlinkHandle" });
  reg.registerType(DirEntry, { name: "DirEntry" });
  reg.registerType(Metadata, { name: "Metadata" });
  reg.registerType(Ownership, { name: "Ownership" });
  reg.registerType(EntryType, { name: "EntryType", display: (v) => (v as EntryType).name });
  reg.registerType(RhaiSafeIoErrorKind, { name: "RhaiSafeIoErrorKind", display: (v) => (v as RhaiSafeIoErrorKind).name });
  reg.registerType(CatFlag, { name: "CatFlag" });
  reg.registerType(LsFlag, { name: "LsFlag" });
  reg.registerType(WriteFlag, { name: "WriteFlag" });

  // DirConfig / DirHandle (§3)
  reg.fn("open", ["DirConfig", "OpenDirOptions"], wrap((_c, a) => openDir(rt, (a[0] as DirConfig).path, a[1] as OpenDirOptions)));
  reg.fn("open_file", ["DirHandle", "string", "OpenFileOptions"], wrap((_c, a) => openFile(rt, a[0] as DirHandle, a[1] as string, a[2] as OpenFileOptions)));
  reg.fn(
    "list_entries",
    ["DirHandle"],
    wrap((c, a) => {
      const dir = a[0] as DirHandle;
      const out = new RMap();
      for (const e of listDir(rt, dir)) out.set(e.name, DirEntry.fromDirent(e, dir));
      c.checkSize(out);
      return out;
    }),
  );
  reg.fn("metadata", ["DirHandle"], wrap((_c, a) => dirMetadata(rt, a[0] as DirHandle)));

  // FileHandle (§4)
  reg.fn(
    "read",
    ["FileHandle"],
    wrap((c, a) => {
      const s = readFile(rt, a[0] as FileHandle);
      c.checkSize(s);
      return s;
    }),
  );
  reg.fn(
    "read_lines",
    ["FileHandle", "ReadLinesOptions"],
    wrap((c, a) => {
      const lines = readLines(rt, a[0] as FileHandle, a[1] as ReadLinesOptions);
      c.checkSize(lines);
      return lines;
    }),
  );
  reg.fn("write", ["FileHandle", "string"], wrap((_c, a) => writeReplace(rt, a[0] as FileHandle, a[1] as string, undefined)));
  reg.fn("write", ["FileHandle", "string", "WriteOptions"], wrap((_c, a) => writeReplace(rt, a[0] as FileHandle, a[1] as string, a[2] as WriteOptions)));
  reg.fn("write_in_place", ["FileHandle", "string"], wrap((_c, a) => void writeInPlace(rt, a[0] as FileHandle, a[1] as string)));
  reg.fn("metadata", ["FileHandle"], wrap((_c, a) => fileMetadata(rt, a[0] as FileHandle)));
  reg.fn("metadata", ["SymlinkHandle"], wrap((_c, a) => symlinkMetadata(rt, a[0] as SymlinkHandle)));

  // DirEntry (§6)
  reg.getter("DirEntry", "name", (_c, e) => (e as DirEntry).name);
  reg.getter("DirEntry", "inode", (_c, e) => (e as DirEntry).ino);
  reg.fn("type", ["DirEntry"], (_c, a) => (a[0] as DirEntry).type);
  reg.fn("open_as_file", ["DirEntry", "OpenFileOptions"], withEntry((e, a) => entryOpenAsFile(rt, e, a[1] as OpenFileOptions)), { mut: true });
  reg.fn("open_as_dir", ["DirEntry", "OpenDirOptions"], withEntry((e) => entryOpenAsDir(rt, e)), { mut: true });
  reg.fn("metadata", ["DirEntry"], withEntry((e) => entryMetadata(rt, e)), { mut: true });
  reg.fn("to_map", ["DirEntry"], (_c, a) => {
    const e = a[0] as DirEntry;
    const m = new RMap();
    m.set("name", e.name);
    m.set("type", e.type.name);
    m.set("inode", e.ino);
    return m;
  });

  // Metadata and Ownership (§7)
  const md = (name: string, f: (m: Metadata) => Value) => reg.fn(name, ["Metadata"], (_c, a) => f(a[0] as Metadata));
  md("type", (m) => m.type);
  md("file_size", (m) => m.st.size);
  md("last_modified_time", (m) => m.st.mtimeSec);
  md("last_modified_time_nanos_component", (m) => m.st.mtimeNsec);
  md("num_hardlinks", (m) => m.st.nlink);
  md("blocks", (m) => m.st.blocks);
  md("allocated_size", (m) => m.st.blocks * 512);
  md("permissions", (m) => m.st.mode);
  md("symlink_target", (m) => m.symlinkTarget);
  md("to_map", metadataToMap);
  reg.getter("Metadata", "owner", (_c, m) => (m as Metadata).owner);
  reg.getter("Ownership", "user", (_c, o) => (o as Ownership).user);
  reg.getter("Ownership", "group", (_c, o) => (o as Ownership).group);

  // EntryType and IoErrorKind (§10.1, §10.2)
  const et = reg.module("EntryType");
  for (const t of EntryType.ALL) et.constant(t.constant, t);
  const ek = reg.module("IoErrorKind");
  for (const k of KIND_NAMES.slice(0, KIND_CONSTANT_COUNT)) ek.constant(k, RhaiSafeIoErrorKind.of(k));
  for (const T of ["EntryType", "RhaiSafeIoErrorKind"]) {
    reg.fn("==", [T, T], (_c, a) => a[0] === a[1]);
    reg.fn("!=", [T, T], (_c, a) => a[0] !== a[1]);
    reg.fn("to_string", [T], (_c, a) => String(a[0]));
    reg.fn("to_debug", [T], (_c, a) => String(a[0]));
  }

  // Commands and their flag modules (§9.3, §10.5)
  const flagModule = (name: string, flags: Record<string, unknown>, short: Record<string, string>) => {
    const m = reg.module(name);
    for (const [k, v] of Object.entries(flags)) m.constant(k, v as Value);
    for (const [s, k] of Object.entries(short)) m.constant(s, flags[k] as Value);
  };
  flagModule("cat", CAT_FLAGS, { n: "number" });
  flagModule("ls", LS_FLAGS, { a: "all", l: "long", R: "recursive" });
  flagModule("write", WRITE_FLAGS, { a: "append", r: "replace" });

  const sized = (f: NativeFn): NativeFn =>
    wrap((c, a) => {
      const v = f(c, a);
      c.checkSize(v);
      return v;
    });
  reg.fn("cat", ["string"], sized((_c, a) => cat(rt, reg, [], a[0] as string)));
  reg.fn("cat", ["array", "string"], sized((_c, a) => cat(rt, reg, a[0] as Value[], a[1] as string)));
  reg.fn("ls", ["string"], sized((_c, a) => ls(rt, reg, [], a[0] as string)));
  reg.fn("ls", ["array", "string"], sized((_c, a) => ls(rt, reg, a[0] as Value[], a[1] as string)));
  reg.fn("write", ["string", "string"], wrap((_c, a) => void write(rt, reg, [], a[0] as string, a[1] as string)));
  reg.fn("write", ["array", "string", "string"], wrap((_c, a) => void write(rt, reg, a[0] as Value[], a[1] as string, a[2] as string)));
}

/** Close every descriptor the fs SDK opened for this context (call at the end of a run). */
export function closeFsResources(ctx: SdkContext): void {
  runtimes.get(ctx)?.fds.closeAll();
}

/** Number of descriptors still open for this context (tests, diagnostics). */
export function openFsDescriptors(ctx: SdkContext): number {
  return runtimes.get(ctx)?.fds.size ?? 0;
}

/**
 * The source of a script module for `import` (runner.md §4.3), read through this context's fs
 * runtime as `cat(path)` would be (never a redacted read); `line` is the import's script line
 * for audit records. Undefined when the file does not exist. Throws the SDK error otherwise.
 */
export function readModuleSource(ctx: SdkContext, path: string, line: number): string | undefined {
  const rt = runtimes.get(ctx);
  if (!rt) throw fsError("Other", "Internal error: the fs SDK is not registered");
  const savedLine = rt.line;
  const savedApi = rt.api;
  rt.line = line;
  rt.api = "import";
  try {
    return readModuleText(rt, path);
  } catch (e) {
    throw internalFailure(rt, e);
  } finally {
    rt.line = savedLine;
    rt.api = savedApi;
  }
}
