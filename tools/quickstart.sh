#!/usr/bin/env bash
# The main job in one command: installs what is missing, builds, loads the sample bulletins of
# examples/bulletins/ into iprdb.sqlite in the current directory (creating it with the
# gazetteer and catalog; files already loaded are skipped), says what it holds, then compares
# regions from it: tables with terminal bar charts.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tools/install-deps.sh"
"$here/tools/build.sh"
"$here/build/tools/iprdb-load" --db iprdb.sqlite --quiet "$here/examples/bulletins"
"$here/build/tools/iprdb-load" --db iprdb.sqlite --init
query=("$here/build/tools/iprdb-query" --db iprdb.sqlite)
echo
# One bulletin's table: the districts and counties of 杭州, ranked.
"${query[@]}" rank 专利授权量 2023 --under 杭州 --chart
echo
# Seven cities' bulletins side by side: each one's latest figure, and the year it is for.
"${query[@]}" latest 每万人口发明专利拥有量 --level prefecture --partial --chart
