#!/usr/bin/env bash
# kill_load.sh at random moments: RUNS loaders (default 20) killed with SIGKILL after a random
# delay up to MAX_MS milliseconds (default 1500), each checked for a damaged file or a
# half-stored document, then rerun to completion. The seed is printed; KILL_SEED repeats a run.
#   kill_load_random.sh IPRDB_LOAD WORK_DIR [RUNS] [MAX_MS]
set -euo pipefail
runs=${3:-20}
max_ms=${4:-1500}
seed=${KILL_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
delays=""
for _ in $(seq 1 "$runs"); do
  ms=$(( (RANDOM * 32768 + RANDOM) % max_ms ))
  delays+=" $(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
done
echo "kill_load_random: seed $seed, $runs runs, delays:$delays"
KILL_DELAYS="$delays" exec bash "$(dirname "$0")/kill_load.sh" "$1" "$2"
