#!/usr/bin/env bash
# Installs the e2e harness: code-server 4.100.3 (VS Code 1.100.3, the newest for Node 20) and
# playwright-core, driving Debian's chromium. Idempotent; the first run takes about a minute.
set -euo pipefail
cd "$(dirname "$0")"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
# chromium is the browser; code-server's kerberos module needs the gssapi headers; ripgrep
# stands in for the rg binary @vscode/ripgrep would download from GitHub.
if ! [ -x /usr/bin/chromium ] || ! [ -e /usr/include/gssapi/gssapi.h ] || ! [ -x /usr/bin/rg ]; then
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium libkrb5-dev ripgrep >/dev/null
fi

# @vscode/ripgrep@1.15.11 looks in this cache before it downloads: seed it with Debian's rg 13.0.0.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_tarball="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_tarball" ]; then
  mkdir -p "$rg_cache"
  staging=$(mktemp -d)
  cp /usr/bin/rg "$staging/rg"
  tar -C "$staging" -czf "$rg_tarball" rg
  rm -rf "$staging"
fi

# node-pty's install runs npx (needs yes=true); code-server's install refuses root without unsafe-perm.
if [ ! -x node_modules/.bin/code-server ] || ! node_modules/.bin/code-server --config /dev/null --version 2>/dev/null | grep -q '^4\.100\.3 '; then
  npm_config_yes=true npm_config_update_notifier=false npm ci --unsafe-perm --no-audit --no-fund >/dev/null
fi
