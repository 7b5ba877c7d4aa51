#!/usr/bin/env bash
# Fresh-machine check (issue #15): the README's two commands, as a new user types them, on a
# minimal Debian 12 (bookworm) and Debian 13 (trixie) with nothing but python3 added.
#
#   sudo tools/fresh_machine_check.sh [--keep] [bookworm|trixie|12|13 ...]   (default: both)
#
# For each release: a `debootstrap --variant=minbase` root file system with python3 (built
# once, then cached in $ZEROKARA_FRESH_CACHE, default /tmp/zerokara-fresh) is copied afresh,
# this checkout's tracked files go in (git ls-files), and inside it, as root:
#   ./zerokara.sh test $ZEROKARA_FRESH_PYTEST        (the whole suite, slow tests included)
#   xvfb-run -a ./zerokara.sh run --smoke-test
# Any failure fails the check. apt inside uses the host's Debian mirror settings (suite
# renamed), pip the host's configuration, CA bundle, local wheel folders and indexes (bound
# read-only) and PIP_* variables. Downloaded .debs and pip's cache are kept beside the cached
# root file system (ZEROKARA_FRESH_DOWNLOAD_CACHE=0: download everything each time); what gets
# installed is installed afresh each run. The host is not touched, except that debootstrap
# is installed on it when missing. Mounts are undone on every exit (trap).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${ZEROKARA_FRESH_CACHE:-${TMPDIR:-/tmp}/zerokara-fresh}
PYTEST_ARGS=${ZEROKARA_FRESH_PYTEST:-}
DOWNLOAD_CACHE=${ZEROKARA_FRESH_DOWNLOAD_CACHE:-1}
TEST_TIMEOUT=${ZEROKARA_FRESH_TEST_TIMEOUT:-2400}
SMOKE_TIMEOUT=${ZEROKARA_FRESH_SMOKE_TIMEOUT:-600}
KEEP=0
SUITES=()
for arg in "$@"; do
  case $arg in
    --keep) KEEP=1 ;;
    12 | bookworm) SUITES+=(bookworm) ;;
    13 | trixie) SUITES+=(trixie) ;;
    -h | --help)
      sed -n '2,19p' "$0"
      exit 0
      ;;
    *)
      echo "unknown argument: $arg (bookworm, trixie, 12, 13, --keep)" >&2
      exit 2
      ;;
  esac
done
((${#SUITES[@]})) || SUITES=(bookworm trixie)

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env "$0" "$@"
fi

log() { echo "[fresh-check $(date +%H:%M:%S)] $*" >&2; }

# ---- timings -------------------------------------------------------------------------
TIMINGS=()
STEP_START=0
step_begin() {
  STEP_START=$SECONDS
  log "$1"
}
step_end() { # $1 = label, $2 = status
  local took=$((SECONDS - STEP_START))
  TIMINGS+=("$(printf '%-9s %-44s %5d s  %s' "$CURRENT" "$1" "$took" "$2")")
  log "$1: $2 in ${took} s"
}

# ---- mounts, undone on every exit ----------------------------------------------------
MOUNTS=()
ROOTFS=""
mount_in() { # mount_in TARGET MOUNT-ARGS...
  local target=$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  MOUNTS+=("$target")
}
bind_ro() { # bind_ro HOST_DIR TARGET
  mount_in "$2" --bind "$1"
  mount -o remount,bind,ro "$2"
}
mounted_under() { # mount points at or below $1, from the kernel's own table
  awk -v root="$1" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo
}
kill_inside() { # processes whose root is the chroot (left by a timed-out step)
  local root=$1 pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -KILL "$pid" 2>/dev/null
  done
  return 0
}
unmount_all() {
  local i
  [ -n "$ROOTFS" ] || return 0
  kill_inside "$ROOTFS"
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" ||
      log "could not unmount ${MOUNTS[i]}"
  done
  MOUNTS=()
  local left
  left=$(mounted_under "$ROOTFS")
  if [ -n "$left" ]; then
    log "still mounted under $ROOTFS, not removing it: $left"
    return 1
  fi
}
remove_rootfs() { # only when nothing is mounted below it
  local dir=$1
  [ -e "$dir" ] || return 0
  if [ -n "$(mounted_under "$dir")" ]; then
    log "refusing to remove $dir: something is mounted below it"
    return 1
  fi
  rm -rf --one-file-system "$dir"
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$ROOTFS" ]; then
    if unmount_all && [ "$KEEP" = 0 ]; then remove_rootfs "$ROOTFS" || status=1; fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the host: debootstrap, the cache, one run at a time ----------------------------
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd -P)
if ! command -v debootstrap >/dev/null 2>&1 || [ ! -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  log "installing debootstrap and debian-archive-keyring on the host"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    debootstrap debian-archive-keyring >&2
fi
HOST_PY=$(command -v python3) || {
  echo "needs python3 on the host (to read apt's and pip's settings)" >&2
  exit 1
}
CONFIG=("$HOST_PY" "$REPO/tools/fresh_machine_config.py")
mapfile -t PIP_PLAN < <("${CONFIG[@]}" pip 2>/dev/null)

# ---- one release ----------------------------------------------------------------------
build_base() { # the cached root file system: minbase + python3, apt pointed at the mirror
  local suite=$1 dir="$CACHE/$1"
  local base="$dir/base" mirror
  if [ -f "$dir/base.ok" ] && [ -x "$base/usr/bin/python3" ]; then
    step_begin "root file system: cached ($base)"
    step_end "root file system (cached)" ok
    return 0
  fi
  remove_rootfs "$base"
  rm -f "$dir/base.ok"
  mkdir -p "$dir"
  mirror=$("${CONFIG[@]}" mirror "$suite")
  step_begin "debootstrap --variant=minbase --include=python3 $suite $mirror"
  if ! debootstrap --variant=minbase --include=python3 "$suite" "$base" "$mirror" \
    >"$dir/debootstrap.log" 2>&1; then
    tail -30 "$dir/debootstrap.log" >&2
    step_end "debootstrap" FAILED
    exit 1
  fi
  # apt as on the host: its Debian entries (suite renamed) and its Acquire settings
  rm -f "$base/etc/apt/sources.list"
  "${CONFIG[@]}" apt-sources "$suite" >"$base/etc/apt/sources.list.d/debian.sources"
  local conf
  for conf in /etc/apt/apt.conf.d/*; do
    if grep -qE '^[[:space:]]*Acquire' "$conf" 2>/dev/null; then cp "$conf" "$base/etc/apt/apt.conf.d/"; fi
  done
  [ ! -e /etc/apt/auth.conf ] || cp /etc/apt/auth.conf "$base/etc/apt/"
  [ ! -d /etc/apt/auth.conf.d ] || cp -r /etc/apt/auth.conf.d "$base/etc/apt/"
  rm -rf "$base/var/cache/apt/archives/"*.deb
  touch "$dir/base.ok"
  step_end "debootstrap + python3 ($(du -sm "$base" | cut -f1) MiB)" ok
}

prepare_run() { # a fresh copy of the base, the checkout, host settings, mounts
  local suite=$1 dir="$CACHE/$1"
  ROOTFS="$dir/run"
  remove_rootfs "$ROOTFS"
  step_begin "fresh copy of the root file system, checkout and settings in"
  cp -a "$dir/base" "$ROOTFS"
  local checkout="$ROOTFS/root/zerokara-lab"
  mkdir -p "$checkout"
  (cd "$REPO" && git ls-files -z | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
    tar -xf - -C "$checkout"
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  cp /etc/hosts "$ROOTFS/etc/hosts" 2>/dev/null || true
  # extra CAs of the host, kept when ca-certificates is installed inside and rebuilds the bundle
  if [ -d /usr/local/share/ca-certificates ]; then
    mkdir -p "$ROOTFS/usr/local/share"
    cp -r /usr/local/share/ca-certificates "$ROOTFS/usr/local/share/"
  fi
  local line what src dest
  for line in "${PIP_PLAN[@]}"; do
    read -r what src dest <<<"$line"
    if [ "$what" = copy ]; then
      mkdir -p "$ROOTFS$(dirname "$dest")"
      cp "$src" "$ROOTFS$dest"
    fi
  done
  mount_in "$ROOTFS/proc" -t proc proc
  mount_in "$ROOTFS/sys" --bind /sys
  mount -o remount,bind,ro "$ROOTFS/sys"
  mount_in "$ROOTFS/dev" --bind /dev
  mount_in "$ROOTFS/dev/pts" --bind /dev/pts
  mount_in "$ROOTFS/dev/shm" -t tmpfs -o mode=1777,size=512m shm
  for line in "${PIP_PLAN[@]}"; do
    read -r what src dest <<<"$line"
    if [ "$what" = bind ]; then bind_ro "$src" "$ROOTFS$src"; fi
  done
  if [ "$DOWNLOAD_CACHE" != 0 ]; then
    mkdir -p "$dir/apt-archives/partial" "$dir/pip-cache"
    mount_in "$ROOTFS/var/cache/apt/archives" --bind "$dir/apt-archives"
    mount_in "$ROOTFS/root/.cache/pip" --bind "$dir/pip-cache"
  fi
  step_end "copy + settings + mounts ($(git -C "$REPO" ls-files | wc -l) files)" ok
}

in_chroot() { # in_chroot TIMEOUT COMMAND: a login-like root shell in the checkout
  local limit=$1
  shift
  local envs=(HOME=/root LANG=C.UTF-8 TERM=dumb USER=root LOGNAME=root
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  local name
  for name in $(compgen -e); do
    case $name in
      PIP_* | http_proxy | https_proxy | no_proxy | HTTP_PROXY | HTTPS_PROXY | NO_PROXY)
        envs+=("$name=${!name}")
        ;;
    esac
  done
  # in the background and waited for: a TERM or INT to this script (an outer timeout, ^C)
  # interrupts `wait` at once, and the trap unmounts; a foreground child would delay it
  timeout --kill-after=30 "$limit" chroot "$ROOTFS" /usr/bin/env -i "${envs[@]}" \
    /bin/bash -c "cd /root/zerokara-lab && $*" &
  wait $!
}

# Set-up errors (debootstrap, copy, mounts) stop the whole check (set -e, the trap unmounts);
# a failing step inside records the release as failed and goes on.
check_suite() {
  local suite=$1 started=$SECONDS
  CURRENT=$suite
  mkdir -p "$CACHE/$suite"
  exec 9>"$CACHE/$suite/lock" # one check per release at a time; the releases may run at once
  flock -n 9 || {
    log "another fresh-machine check holds $CACHE/$suite/lock; waiting"
    flock 9
  }
  build_base "$suite"
  prepare_run "$suite"
  log "inside: $(chroot "$ROOTFS" /bin/sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), $(chroot "$ROOTFS" python3 --version)"
  local status=0
  step_begin "./zerokara.sh test $PYTEST_ARGS"
  if in_chroot "$TEST_TIMEOUT" "./zerokara.sh test $PYTEST_ARGS"; then
    step_end "./zerokara.sh test" ok
  else
    step_end "./zerokara.sh test" "FAILED (exit $?)"
    status=1
  fi
  step_begin "xvfb-run -a ./zerokara.sh run --smoke-test"
  if in_chroot "$SMOKE_TIMEOUT" "xvfb-run -a ./zerokara.sh run --smoke-test"; then
    step_end "xvfb-run -a ./zerokara.sh run --smoke-test" ok
  else
    step_end "xvfb-run -a ./zerokara.sh run --smoke-test" "FAILED (exit $?)"
    status=1
  fi
  step_begin "unmount, remove the copy"
  unmount_all
  if [ "$KEEP" = 0 ]; then remove_rootfs "$ROOTFS"; else log "kept $ROOTFS"; fi
  ROOTFS=""
  step_end "unmount, remove the copy" ok
  STEP_START=$started
  step_end "total" "$([ $status = 0 ] && echo ok || echo FAILED)"
  exec 9>&-
  [ $status = 0 ] || FAILED+=("$suite")
}

FAILED=()
for suite in "${SUITES[@]}"; do
  check_suite "$suite"
done
echo
echo "fresh-machine check, timings:"
printf '  %s\n' "${TIMINGS[@]}"
if ((${#FAILED[@]})); then
  echo "FAILED on: ${FAILED[*]}"
  exit 1
fi
echo "passed on: ${SUITES[*]}"
