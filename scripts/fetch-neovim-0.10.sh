#!/usr/bin/env bash
# Fetches Debian trixie's Neovim (0.10) into .tools/neovim-0.10/ without root and without touching the system, so
# the README's configuration for Neovim 0.10 and later can be run on a Debian bookworm machine (bookworm ships 0.7).
#
# Trixie's nvim needs a newer C library than bookworm's, so the .debs of nvim and of its library closure (C library
# included) are unpacked with `dpkg-deb -x` and nvim runs through trixie's own loader:
#   .tools/neovim-0.10/usr/lib64/ld-linux-x86-64.so.2 --library-path .tools/neovim-0.10/usr/lib/x86_64-linux-gnu \
#     .tools/neovim-0.10/usr/bin/nvim
# The wrapper .tools/neovim-0.10/nvim does exactly that and sets VIMRUNTIME to the unpacked runtime. Programs that
# nvim starts (the language server) run with the system's loader and libraries as usual: the library path is an
# argument of the loader, not an environment variable they would inherit.
#
# Integrity: the release file (InRelease) is checked with gpgv against Debian's archive keyring, the package index
# against the SHA-256 that the release file names, and every .deb against the SHA-256 in the index.
#
# Idempotent: a marker naming the neovim version is written last, so an interrupted run starts over and a finished
# one is skipped.
set -euo pipefail

MIRROR="${ARCHLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=trixie
ARCH=amd64
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# neovim, its runtime and the libraries its nvim binary loads (checked with ldd below, so a missing one fails here).
PACKAGES=(neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 libluajit-5.1-common libmsgpack-c2
  libtree-sitter0.22 libunibilium4 libuv1t64 libvterm0 lua-lpeg lua-luv)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ARCHLENS_TOOLS_DIR:-$ROOT/.tools}"
DEST="$TOOLS/neovim-0.10"

step() { printf '[fetch-neovim-0.10] %s\n' "$*"; }
fail() {
  printf '[fetch-neovim-0.10] ERROR: %s\n' "$*" >&2
  exit 1
}

[ "$(uname -m)" = x86_64 ] || fail "only x86_64 is supported (found $(uname -m))"
for tool in curl xz dpkg-deb gpgv sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed"
done
[ -f "$KEYRING" ] || fail "$KEYRING is missing (Debian's debian-archive-keyring package)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step "release file and package index of $SUITE from $MIRROR"
curl -fsSL --retry 3 -o "$work/InRelease" "$MIRROR/dists/$SUITE/InRelease" || fail "cannot download InRelease"
gpgv --keyring "$KEYRING" --output "$work/Release" "$work/InRelease" 2>"$work/gpgv.log" \
  || fail "InRelease has no good signature from Debian's archive keys: $(cat "$work/gpgv.log")"
index="main/binary-$ARCH/Packages.xz"
want_index="$(awk -v f="$index" '/^SHA256:/ {s=1; next} /^[^ ]/ {s=0} s && $3 == f {print $1}' "$work/Release")"
[ -n "$want_index" ] || fail "the release file names no SHA-256 for $index"
curl -fsSL --retry 3 -o "$work/Packages.xz" "$MIRROR/dists/$SUITE/$index" || fail "cannot download $index"
echo "$want_index  $work/Packages.xz" | sha256sum -c --quiet - || fail "$index does not match the release file"
xz -dc "$work/Packages.xz" >"$work/Packages"

# Prints "Version Filename SHA256" of one package from the index.
field_of() {
  awk -v p="$1" 'BEGIN { RS = ""; FS = "\n" }
    { name = ""; v = ""; f = ""; s = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^Package: /) name = substr($i, 10)
        else if ($i ~ /^Version: /) v = substr($i, 10)
        else if ($i ~ /^Filename: /) f = substr($i, 11)
        else if ($i ~ /^SHA256: /) s = substr($i, 9)
      }
      if (name == p) { print v, f, s; exit }
    }' "$work/Packages"
}

read -r nvim_version _ _ <<<"$(field_of neovim)"
[ -n "$nvim_version" ] || fail "no neovim in $SUITE's index"
MARKER="$DEST/.installed-$nvim_version"
if [ -f "$MARKER" ] && [ -x "$DEST/nvim" ]; then
  step "neovim $nvim_version already in $DEST"
  exit 0
fi

rm -rf "$DEST"
mkdir -p "$DEST"
for pkg in "${PACKAGES[@]}"; do
  read -r version file sha <<<"$(field_of "$pkg")"
  [ -n "${file:-}" ] && [ -n "${sha:-}" ] || fail "$pkg is not in $SUITE's index"
  deb="$work/$(basename "$file")"
  step "$pkg $version"
  curl -fsSL --retry 3 -o "$deb" "$MIRROR/$file" || fail "cannot download $file"
  echo "$sha  $deb" | sha256sum -c --quiet - || fail "$file does not match the SHA-256 in the index"
  dpkg-deb -x "$deb" "$DEST"
done

# Trixie has merged /usr: the loader and the libraries are under usr/.
LOADER="$DEST/usr/lib64/ld-linux-x86-64.so.2"
[ -e "$LOADER" ] || fail "trixie's loader is missing from $DEST"
LIBS="$DEST/usr/lib/x86_64-linux-gnu"
# ld.so's own --list resolves with trixie's libraries only; any "not found" is a package missing above.
missing="$("$LOADER" --library-path "$LIBS" --list "$DEST/usr/bin/nvim" | grep 'not found' || true)"
[ -z "$missing" ] || fail "libraries still missing (add their packages): $missing"
# A library found outside $DEST would mix bookworm's libraries into trixie's C library.
outside="$("$LOADER" --library-path "$LIBS" --list "$DEST/usr/bin/nvim" | grep '=> /' | grep -v -- "=> $DEST/" || true)"
[ -z "$outside" ] || fail "libraries resolved outside $DEST: $outside"

cat >"$DEST/nvim" <<'WRAPPER'
#!/bin/sh
# Runs trixie's nvim through trixie's loader and libraries (see scripts/fetch-neovim-0.10.sh).
here="$(cd "$(dirname "$0")" && pwd)"
VIMRUNTIME="$here/usr/share/nvim/runtime" exec "$here/usr/lib64/ld-linux-x86-64.so.2" \
  --library-path "$here/usr/lib/x86_64-linux-gnu" "$here/usr/bin/nvim" "$@"
WRAPPER
chmod +x "$DEST/nvim"

got="$("$DEST/nvim" --version | head -n 1)"
case "$got" in
  "NVIM v0.10"*) step "$got in $DEST" ;;
  *) fail "the unpacked nvim says '$got'" ;;
esac
touch "$MARKER"
