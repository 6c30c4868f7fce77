// Descriptor-backed handles. Copies of a handle value share one FdRef (one descriptor, one
// offset). Descriptors are closed when their FdRef is garbage collected and, at the
// latest, when the run ends (`closeAll` on the owning FdTable).

import { hostFs } from "../../host/index.ts";
import type { OpenFileOptions } from "./builders.ts";

const finalizer = new FinalizationRegistry<number>((fd) => hostFs().close(fd));

/** The open descriptors of one run. */
export class FdTable {
  private readonly refs = new Set<FdRef>();
  track(fd: number): FdRef {
    const r = new FdRef(fd, this);
    this.refs.add(r);
    finalizer.register(r, fd, r);
    return r;
  }
  forget(r: FdRef): void {
    this.refs.delete(r);
  }
  get size(): number {
    return this.refs.size;
  }
  /** Close every descriptor still open (run end). */
  closeAll(): void {
    for (const r of [...this.refs]) r.close();
  }
}

export class FdRef {
  constructor(
    private _fd: number,
    private readonly table: FdTable,
  ) {}
  get fd(): number {
    return this._fd;
  }
  get closed(): boolean {
    return this._fd < 0;
  }
  close(): void {
    if (this._fd < 0) return;
    finalizer.unregister(this);
    hostFs().close(this._fd);
    this._fd = -1;
    this.table.forget(this);
  }
}

/** `DirHandle`: a directory descriptor and the path it stands for (sdk-fs.md §1.3 step 5). */
export class DirHandle {
  constructor(
    readonly ref: FdRef,
    readonly path: string,
  ) {}
  get fd(): number {
    return this.ref.fd;
  }
}

/** `FileHandle` (sdk-fs.md §1.4). */
export class FileHandle {
  constructor(
    readonly ref: FdRef,
    /** The name exactly as given to open_file. */
    readonly name: string,
    readonly dir: DirHandle,
    readonly opts: OpenFileOptions,
    /** Follow mode: the resolved path of what was opened. */
    readonly resolved: string | undefined,
  ) {}
  get fd(): number {
    return this.ref.fd;
  }
  /** O = D/name: the directory entry (delete, move). */
  get originalPath(): string {
    return joinPath(this.dir.path, this.name);
  }
  /** F: the resolved target in follow mode, else O (content and metadata checks). */
  get fullPath(): string {
    return this.resolved ?? this.originalPath;
  }
}

/** `SymlinkHandle` (Linux): an O_PATH descriptor on the link itself. */
export class SymlinkHandle {
  constructor(
    readonly ref: FdRef,
    readonly name: string,
    readonly dir: DirHandle,
  ) {}
  get path(): string {
    return joinPath(this.dir.path, this.name);
  }
}

/** D + name (sdk-fs.md §1.2): an absolute name replaces D; one `/` inserted when needed. */
export function joinPath(d: string, name: string): string {
  if (name.startsWith("/")) return name;
  return d.endsWith("/") ? d + name : `${d}/${name}`;
}
