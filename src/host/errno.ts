// errno names and the system's message text in REX's format:
// `No such file or directory (os error 2)`.

/** Linux errno numbers by name (the ones rex reasons about). */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  EFBIG: 27,
  ENOSPC: 28,
  EROFS: 30,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  ENODATA: 61,
} as const;

const NAMES = new Map<number, string>();
for (const [k, v] of Object.entries(Errno)) NAMES.set(v, k);

/** `ENOENT` for 2; `E<n>` for an errno rex has no name for. */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `E${errno}`;
}

/** glibc strerror texts, used when the C library cannot be asked. */
const FALLBACK_TEXT = new Map<number, string>([
  [1, "Operation not permitted"],
  [2, "No such file or directory"],
  [4, "Interrupted system call"],
  [5, "Input/output error"],
  [9, "Bad file descriptor"],
  [11, "Resource temporarily unavailable"],
  [12, "Cannot allocate memory"],
  [13, "Permission denied"],
  [17, "File exists"],
  [18, "Invalid cross-device link"],
  [20, "Not a directory"],
  [21, "Is a directory"],
  [22, "Invalid argument"],
  [24, "Too many open files"],
  [27, "File too large"],
  [28, "No space left on device"],
  [30, "Read-only file system"],
  [36, "File name too long"],
  [38, "Function not implemented"],
  [39, "Directory not empty"],
  [40, "Too many levels of symbolic links"],
  [61, "No data available"],
]);

let strerrorImpl: ((errno: number) => string | undefined) | undefined;

/** Installed by the OS layer: the C library's strerror. */
export function setStrerror(fn: (errno: number) => string | undefined): void {
  strerrorImpl = fn;
}

const cache = new Map<number, string>();

/** The system's text for an errno, e.g. `No such file or directory`. */
export function strerror(errno: number): string {
  let t = cache.get(errno);
  if (t === undefined) {
    t = FALLBACK_TEXT.get(errno) ?? strerrorImpl?.(errno) ?? `Unknown error ${errno}`;
    cache.set(errno, t);
  }
  return t;
}

/** `No such file or directory (os error 2)`. */
export function osErrorText(errno: number): string {
  return `${strerror(errno)} (os error ${errno})`;
}
