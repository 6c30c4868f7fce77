#!/bin/sh
# Installs rex: one self-contained executable, no Node or Bun needed.
#
#   curl -fsSL https://raw.githubusercontent.com/rex-project/rex/main/install.sh | sh
#   sh install.sh [--prefix DIR] [--version V] [--offline FILE]
#
# Downloads rex-<os>-<arch>.gz and SHA256SUMS from the release, verifies the
# checksum, and only then installs <prefix>/bin/rex (default prefix: $HOME/.rex).
# POSIX sh (runs under dash). Nothing is left half-installed after a failure,
# and running it again is safe. See docs/install.md.
#
# Environment:
#   REX_INSTALL_BASE_URL    where releases are downloaded from; files are fetched from
#                           $REX_INSTALL_BASE_URL/latest/download/<file>, or with --version V
#                           from $REX_INSTALL_BASE_URL/download/vV/<file> (GitHub's layout).
#                           Default: https://github.com/rex-project/rex/releases
#   REX_INSTALL_DOWNLOADER  curl or wget (default: the first one found, curl first)
#   REX_INSTALL_OS, REX_INSTALL_ARCH, REX_INSTALL_LIBC
#                           override what uname and libc detection report
#                           (e.g. Linux / x86_64 / musl) — for testing and odd hosts

set -eu

DEFAULT_BASE_URL="https://github.com/rex-project/rex/releases"

say() { printf '%s\n' "$*"; }
warn() { printf 'rex-install: warning: %s\n' "$*" >&2; }
die() {
  printf 'rex-install: error: %s\n' "$*" >&2
  exit 1
}
usage_error() {
  printf 'rex-install: error: %s\n' "$*" >&2
  printf 'usage: install.sh [--prefix DIR] [--version V] [--offline FILE]\n' >&2
  exit 2
}

usage() {
  cat <<'EOF'
usage: install.sh [--prefix DIR] [--version V] [--offline FILE]

  --prefix DIR    install to DIR/bin/rex (default: $HOME/.rex)
  --version V     install release V (default: the latest release)
  --offline FILE  install from a local rex-<os>-<arch>.gz or raw binary; verified
                  against a SHA256SUMS file beside it when there is one
  -h, --help      show this help

Environment: REX_INSTALL_BASE_URL (release download location),
REX_INSTALL_DOWNLOADER (curl or wget).
EOF
}

# ---------------------------------------------------------------- arguments

prefix=""
version=""
offline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || usage_error "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --version) [ $# -ge 2 ] || usage_error "--version needs a version"; version=$2; shift 2 ;;
    --version=*) version=${1#--version=}; shift ;;
    --offline) [ $# -ge 2 ] || usage_error "--offline needs a file"; offline=$2; shift 2 ;;
    --offline=*) offline=${1#--offline=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown argument: $1" ;;
  esac
done

if [ -z "$prefix" ]; then
  [ -n "${HOME:-}" ] || usage_error "HOME is not set; give --prefix DIR"
  prefix="$HOME/.rex"
fi
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
version=${version#v}
case "$version" in
  "") ;;
  [0-9]*[!A-Za-z0-9.+-]* | [!0-9]*) usage_error "not a version: $version (expected e.g. 0.1.0)" ;;
esac
if [ -n "$offline" ] && [ -n "$version" ]; then
  usage_error "--offline and --version cannot be used together"
fi

# ---------------------------------------------------------------- platform

detect_os() {
  os=${REX_INSTALL_OS:-$(uname -s)}
  case "$os" in
    Linux | linux) os=linux ;;
    Darwin | darwin) os=darwin ;;
    *) die "unsupported operating system: $os (rex is built for Linux and macOS)" ;;
  esac
}

detect_arch() {
  arch=${REX_INSTALL_ARCH:-$(uname -m)}
  case "$arch" in
    x86_64 | amd64 | x64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "unsupported architecture: $arch (rex is built for x86_64 and arm64)" ;;
  esac
  # An x86-64 shell under Rosetta 2 on Apple silicon: use the native build.
  if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ -z "${REX_INSTALL_ARCH:-}" ]; then
    if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
      arch=arm64
    fi
  fi
}

detect_libc() {
  libc=${REX_INSTALL_LIBC:-}
  if [ -z "$libc" ]; then
    libc=glibc
    if [ "$os" = linux ]; then
      # ldd says which C library the system uses; a musl loader alone may be an
      # extra package on a glibc system, so it decides only when ldd is silent.
      ldd_says=$(ldd --version 2>&1 || true)
      case "$ldd_says" in
        *musl*) libc=musl ;;
        *GLIBC* | *"GNU libc"* | *"GNU C Library"*) ;;
        *)
          for f in /lib/ld-musl-*.so.1; do
            if [ -e "$f" ]; then libc=musl; fi
          done
          ;;
      esac
    fi
  fi
  case "$libc" in
    glibc | gnu) libc=glibc ;;
    musl) ;;
    *) die "unsupported C library: $libc (expected glibc or musl)" ;;
  esac
}

# ---------------------------------------------------------------- tools

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else
    die "no SHA-256 tool found (need sha256sum, shasum or openssl)"
  fi
}

# expected_sum SUMS_FILE NAME: the hash SUMS_FILE lists for NAME (empty if none)
expected_sum() {
  awk -v f="$2" '$2 == f || $2 == "*" f { print tolower($1); exit }' "$1"
}

# verify FILE SUMS_FILE NAME: FILE's SHA-256 must be the one listed for NAME
verify() {
  want=$(expected_sum "$2" "$3")
  [ -n "$want" ] || die "SHA256SUMS has no entry for $3"
  got=$(sha256_of "$1")
  if [ "$got" != "$want" ]; then
    die "checksum mismatch for $3: expected $want, got $got; nothing was installed"
  fi
}

pick_downloader() {
  downloader=${REX_INSTALL_DOWNLOADER:-}
  if [ -n "$downloader" ]; then
    case "$downloader" in
      curl | wget) command -v "$downloader" >/dev/null 2>&1 || die "$downloader not found (REX_INSTALL_DOWNLOADER=$downloader)" ;;
      *) die "REX_INSTALL_DOWNLOADER must be curl or wget, not $downloader" ;;
    esac
  elif command -v curl >/dev/null 2>&1; then
    downloader=curl
  elif command -v wget >/dev/null 2>&1; then
    downloader=wget
  else
    die "neither curl nor wget found; install one of them, or download rex by hand and use --offline FILE"
  fi
}

# download URL FILE
download() {
  if [ "$downloader" = curl ]; then
    curl -fsSL --retry 2 -o "$2" "$1" || die "download failed: $1"
  else
    wget -q -O "$2" "$1" || die "download failed: $1"
  fi
  [ -s "$2" ] || die "download failed: $1 (empty)"
}

is_gzip() {
  [ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" = 1f8b ]
}

# ---------------------------------------------------------------- work

detect_os
detect_arch
detect_libc
target="$os-$arch"
if [ "$libc" = musl ]; then
  [ "$target" = linux-x64 ] || die "unsupported platform: $target with musl libc (rex has a musl build for linux-x64 only)"
  target="linux-x64-musl"
fi
asset="rex-$target"

bindir="$prefix/bin"
dest="$bindir/rex"
tmp=""
staged=""
cleanup() {
  [ -z "$staged" ] || rm -f "$staged"
  [ -z "$tmp" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rex-install.XXXXXX") || die "cannot create a temporary directory"
binary="$tmp/rex"

if [ -n "$offline" ]; then
  [ -f "$offline" ] || die "offline file not found: $offline"
  name=$(basename "$offline")
  sums="$(dirname "$offline")/SHA256SUMS"
  if [ -f "$sums" ]; then
    verify "$offline" "$sums" "$name"
    say "verified $name against $sums"
  else
    warn "no SHA256SUMS beside $offline; installing it unverified"
  fi
  if is_gzip "$offline"; then
    gzip -dc "$offline" >"$binary" 2>/dev/null || die "cannot decompress $offline"
  else
    cp "$offline" "$binary" || die "cannot read $offline"
  fi
else
  pick_downloader
  base=${REX_INSTALL_BASE_URL:-$DEFAULT_BASE_URL}
  base=${base%/}
  if [ -n "$version" ]; then
    url="$base/download/v$version"
  else
    url="$base/latest/download"
  fi
  say "downloading $asset.gz ${version:+(version $version) }from $url"
  download "$url/SHA256SUMS" "$tmp/SHA256SUMS"
  download "$url/$asset.gz" "$tmp/$asset.gz"
  verify "$tmp/$asset.gz" "$tmp/SHA256SUMS" "$asset.gz"
  gzip -dc "$tmp/$asset.gz" >"$binary" 2>/dev/null || die "cannot decompress $asset.gz"
  # The release also lists the uncompressed file: check it too when it does.
  if [ -n "$(expected_sum "$tmp/SHA256SUMS" "$asset")" ]; then
    verify "$binary" "$tmp/SHA256SUMS" "$asset"
  fi
fi

chmod 755 "$binary"
version_line=$("$binary" --version </dev/null 2>/dev/null) || die "the $asset executable does not run on this host; nothing was installed"

# Stage beside the destination, then rename: the switch is atomic, and a rex
# that is running while we replace it keeps its old file.
mkdir -p "$bindir" || die "cannot create $bindir"
staged="$bindir/.rex.install.$$"
cp "$binary" "$staged" || die "cannot write to $bindir"
chmod 755 "$staged"
mv -f "$staged" "$dest" || die "cannot install $dest"
staged=""

say "installed $dest: $version_line"
case ":${PATH:-}:" in
  *":$bindir:"*) say "rex is on your PATH; run: rex --help" ;;
  *)
    say ""
    say "$bindir is not on your PATH. Add it, e.g. to ~/.profile (or your shell's rc file):"
    say "  export PATH=\"$bindir:\$PATH\""
    say "then open a new shell, or run the line above, and try: rex --version"
    ;;
esac
