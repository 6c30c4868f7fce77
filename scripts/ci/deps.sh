#!/bin/sh
# Installs, from Debian's packages, the system tools rex's tests use, when missing:
#   dash                 install.sh is tested under dash
#   curl, wget           install.sh is tested with each downloader
#   qemu-user-static     runs dist/rex-linux-arm64 on an x86-64 host
#   libc6-arm64-cross    the arm64 glibc it needs there (qemu -L /usr/aarch64-linux-gnu)
#   ca-certificates      npm / registry access over TLS during the build
# Idempotent: does nothing (and does not touch apt) when everything is present.
# Needs root, or password-less sudo; otherwise it says what to install and exits 1.
set -u

missing=""
need() { # need COMMAND PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
  fi
}
need dash dash
need curl curl
need wget wget
case "$(uname -m)" in
  aarch64|arm64) ;; # arm64 binaries run natively
  *)
    need qemu-aarch64-static qemu-user-static
    [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || missing="$missing libc6-arm64-cross"
    ;;
esac
[ -d /etc/ssl/certs ] || missing="$missing ca-certificates"

if [ -z "$missing" ]; then
  echo "deps: all present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: apt-get not found; install by hand:$missing" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "deps: not root and no password-less sudo; install by hand:$missing" >&2
  exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $as_root apt-get update -qq >/dev/null; then
  echo "deps: apt-get update failed" >&2
  exit 1
fi
# shellcheck disable=SC2086
if ! $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
  echo "deps: apt-get install failed for:$missing" >&2
  exit 1
fi
echo "deps: installed$missing"
