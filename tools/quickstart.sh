#!/usr/bin/env bash
# The main job in one command: installs what is missing, builds, and creates the default
# database iprdb.sqlite in the current directory with the gazetteer and catalog, then says
# what it holds.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tools/install-deps.sh"
"$here/tools/build.sh"
"$here/build/tools/iprdb-load" --db iprdb.sqlite --init
