#!/bin/sh
# install.sh -- installs the peers pinned in bench/peers/package.json into
# bench/peers/node_modules (ignored by git), unless they are there already at
# those versions.  Used by the other scripts here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
stale=$(node -e '
  const deps = require(process.argv[1] + "/package.json").dependencies;
  for (const [name, want] of Object.entries(deps)) {
    let have = "";
    try { have = require(process.argv[1] + "/node_modules/" + name + "/package.json").version; } catch (e) {}
    if (have !== want) console.log(name + "@" + want);
  }' "$here")
[ -z "$stale" ] && exit 0
command -v npm >/dev/null || { echo "bench/peers: npm is required to install:" $stale >&2; exit 2; }
echo "bench/peers: installing" $stale >&2
(cd "$here" && npm install --no-package-lock --no-audit --no-fund >/dev/null)
