#!/usr/bin/env bash
# Installs a real VS Code (code-server, which bundles VS Code's web workbench and server) plus Debian's
# chromium into .tools/, so the end-to-end tests can drive the extension as a person would. Nothing here
# downloads a prebuilt binary: VS Code's native modules are compiled from the npm sources, and ripgrep and
# chromium come from Debian, because only the npm and Debian registries are reachable.
#
# Idempotent: a marker file that names the version is written last, so an interrupted run starts over
# and a finished one is skipped in well under a second.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
# Bump when the steps below change, so machines that ran an older recipe redo it.
RECIPE_REVISION="1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ARCHLENS_TOOLS_DIR:-$ROOT/.tools}"
PREFIX="$TOOLS/code-server"
CS="$PREFIX/node_modules/code-server"
VSCODE="$CS/lib/vscode"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION-r$RECIPE_REVISION"

step() { printf '[setup-code-server] %s\n' "$*"; }
fail() {
  printf '[setup-code-server] ERROR: %s\n' "$*" >&2
  exit 1
}
trap 'fail "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

# npm 11 reports unreviewed install scripts as warnings; these npm calls run inside the tool folder only.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# --- Debian packages ------------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/rg ] || need_apt+=(ripgrep)
# kerberos (a VS Code native module) compiles against the GSSAPI headers.
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
# node-gyp needs a compiler, make and python3; they are normally present, but a fresh machine may lack them.
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)

if [ "${#need_apt[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing Debian packages (${need_apt[*]}) and not root: run 'apt-get install -y ${need_apt[*]}' as root"
  step "apt-get update (missing: ${need_apt[*]})"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fail "apt-get update failed"
  step "apt-get install -y ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}" >/dev/null \
    || fail "apt-get install ${need_apt[*]} failed"
else
  step "Debian packages present: chromium, ripgrep, libkrb5-dev"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is still missing after apt-get"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg is still missing after apt-get"

# node-gyp must compile against the local Node headers rather than download them (no network but registries).
nodedir_now="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "${npm_config_nodedir:-}" ] && { [ -z "$nodedir_now" ] || [ "$nodedir_now" = undefined ] || [ "$nodedir_now" = null ]; }; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || step "warning: code-server $CODE_SERVER_VERSION is built for Node 20, this is Node $(node -v)"

# --- code-server ----------------------------------------------------------------------------------------
if [ -f "$MARKER" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in $PREFIX (marker $(basename "$MARKER")); nothing to do"
  exit 0
fi

# Approves install scripts for the packages npm lists as unreviewed in the current folder, so they run
# whether or not this npm blocks unreviewed scripts. Older npm has no such command and runs them anyway.
approve_install_scripts() {
  if npm install-scripts ls >/dev/null 2>&1; then
    npm install-scripts approve --all >/dev/null 2>&1 || step "warning: 'npm install-scripts approve --all' failed in $PWD"
  fi
}

step "installing code-server@$CODE_SERVER_VERSION into $PREFIX (npm, scripts off)"
mkdir -p "$PREFIX"
cd "$PREFIX"
if [ ! -f package.json ]; then
  printf '{\n  "name": "archlens-code-server-tool",\n  "private": true\n}\n' > package.json
fi
npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION" || fail "npm install code-server@$CODE_SERVER_VERSION failed"
[ -d "$VSCODE" ] || fail "code-server package has no lib/vscode at $VSCODE"

step "installing VS Code's runtime dependencies in lib/vscode"
cd "$VSCODE"
npm install --omit=dev --ignore-scripts || fail "npm install in $VSCODE failed"

# @vscode/ripgrep's postinstall would download a binary; Debian's rg takes its place before any script runs.
step "copying /usr/bin/rg into @vscode/ripgrep"
mkdir -p node_modules/@vscode/ripgrep/bin
cp -f /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
chmod +x node_modules/@vscode/ripgrep/bin/rg

step "compiling VS Code's native modules (npm rebuild; about half a minute)"
approve_install_scripts
npm_config_yes=true npm rebuild --unsafe-perm || fail "npm rebuild in $VSCODE failed (is libkrb5-dev installed?)"

step "linking node_modules.asar and the remote CLI / browser helpers"
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh

step "installing the built-in extensions' shared dependencies"
cd "$VSCODE/extensions"
approve_install_scripts
npm install --omit=dev --unsafe-perm || fail "npm install in $VSCODE/extensions failed"

# argon2 (password hashing in code-server itself) is hoisted to the tool folder's node_modules, so the
# rebuild runs where npm can see it; it compiles from source when its prebuilt download is unreachable.
step "compiling argon2"
cd "$PREFIX"
approve_install_scripts
npm_config_yes=true npm rebuild argon2 --unsafe-perm || fail "npm rebuild argon2 failed"

# --- verification: scripts may have been skipped silently, so check their products, not npm's exit code ---
step "verifying native modules load under $(node -v)"
cd "$VSCODE"
node --input-type=module -e '
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/package.json");
const mods = ["@vscode/spdlog", "node-pty", "native-watchdog", "kerberos", "@parcel/watcher"];
const bad = [];
for (const m of mods) { try { require(m); } catch (e) { bad.push(m + ": " + String(e.message).split("\n")[0]); } }
if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
' || fail "a VS Code native module does not load; its install script probably did not run (see above)"
(cd "$PREFIX" && node -e 'require("argon2")') || fail "argon2 does not load; its install script probably did not run"
"$VSCODE/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || fail "ripgrep copy in @vscode/ripgrep does not run"
[ -d "$VSCODE/extensions/node_modules/typescript" ] || fail "built-in extensions' typescript dependency is missing"
[ -x "$PREFIX/node_modules/.bin/code-server" ] || fail "code-server launcher missing at $PREFIX/node_modules/.bin/code-server"
# --config keeps code-server from writing a default config (with a password) into the user's home.
version_line="$("$PREFIX/node_modules/.bin/code-server" --config "$PREFIX/config.yaml" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.' || true)"
case "$version_line" in
  "$CODE_SERVER_VERSION"*) ;;
  *) fail "code-server --version printed '$version_line', expected $CODE_SERVER_VERSION" ;;
esac

rm -f "$PREFIX"/.installed-*
date -u +%Y-%m-%dT%H:%M:%SZ > "$MARKER"
step "done: $version_line ($PREFIX/node_modules/.bin/code-server)"
