#!/usr/bin/env bash
# Kills a running `iprdb-load` batch at several moments (SIGKILL, then SIGINT) and checks what
# a crash must never do: leave a damaged file, or a document with only some of its
# observations. Then a rerun must load the rest.
#   kill_load.sh IPRDB_LOAD WORK_DIR
set -euo pipefail
export LC_ALL=C  # one sort order for sort, comm and SQLite
load=$1
work=$2
files=300

rm -rf "$work"
mkdir -p "$work/batch"
cd "$work"

# Bulletins of our own, each with its own figures so that every file is a new document.
for i in $(seq 1 $files); do
  printf '%s年贵州省知识产权工作简报第%d期\n\n%s年，全省专利授权量%d件，同比增长%d.%d%%。其中发明专利授权量%d件。截至%s年底，全省有效发明专利拥有量%d件。全年商标注册申请量%d件。\n' \
    2023 "$i" 2023 $((18000 + i)) $((i % 9 + 1)) $((i % 7)) $((3000 + i)) 2023 $((21000 + i)) $((52000 + i)) \
    > "batch/b$(printf %04d "$i").txt"
done

# What each file should hold: the dry run's facts per document, as "path count" lines.
"$load" --dry-run batch/*.txt \
  | sed -n 's/.*"document":"\([^"]*\)".*/\1/p' | sort | uniq -c | awk '{print $2, $1}' > expected
[ "$(wc -l < expected)" -eq $files ] || { echo "dry run did not cover every file" >&2; exit 1; }

fail() { echo "kill_load: $*" >&2; exit 1; }

# The database, if there is one, is intact and every stored document is complete.
check() {
  local label=$1
  [ -e db.sqlite ] || { echo "$label: no database yet"; return 0; }
  local integrity
  integrity=$(sqlite3 db.sqlite "PRAGMA integrity_check")
  [ "$integrity" = ok ] || fail "$label: integrity_check says: $integrity"
  local blank
  blank=$(sqlite3 db.sqlite "SELECT count(*) = 0 FROM sqlite_schema")
  if [ "$blank" = 1 ]; then echo "$label: killed before the schema was committed"; return 0; fi
  sqlite3 -separator ' ' db.sqlite \
    "SELECT d.origin, count(o.id) FROM document d LEFT JOIN observation o ON o.document_id = d.id
     GROUP BY d.id ORDER BY d.origin" > stored
  sort -o stored stored
  local broken
  broken=$(comm -23 stored expected)
  [ -z "$broken" ] || fail "$label: documents stored without all their observations: $broken"
  echo "$label: $(wc -l < stored) complete documents, integrity ok"
}

# KILL_DELAYS (seconds, space-separated) replaces the fixed moments: kill_load_random.sh.
for delay in ${KILL_DELAYS:-0.05 0.15 0.3 0.45 0.6}; do
  rm -f db.sqlite db.sqlite-wal db.sqlite-shm
  "$load" --db db.sqlite --quiet batch > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check "SIGKILL after ${delay}s"
  "$load" --db db.sqlite --quiet batch > /dev/null 2> rerun.err || fail "rerun failed: $(cat rerun.err)"
  check "rerun after ${delay}s"
  [ "$(wc -l < stored)" -eq $files ] || fail "the rerun after ${delay}s did not load every file"
done

# SIGINT: the file in hand is finished, the rest left, the exit code says so.
rm -f db.sqlite db.sqlite-wal db.sqlite-shm
"$load" --db db.sqlite --init > /dev/null 2>&1
"$load" --db db.sqlite --quiet batch > /dev/null 2> interrupted.err &
pid=$!
sleep 0.3
kill -INT "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?
check "SIGINT"
if [ "$status" -eq 130 ]; then
  grep -q "interrupted" interrupted.err || fail "SIGINT: no word of the interruption: $(cat interrupted.err)"
  [ "$(wc -l < stored)" -lt $files ] || fail "SIGINT: exit 130 but every file was loaded"
else
  [ "$status" -eq 0 ] || fail "SIGINT: exit $status: $(cat interrupted.err)"
  echo "SIGINT: the batch had finished before the signal"
fi
"$load" --db db.sqlite --quiet batch > /dev/null 2> rerun.err || fail "rerun failed: $(cat rerun.err)"
check "rerun after SIGINT"
[ "$(wc -l < stored)" -eq $files ] || fail "the rerun after SIGINT did not load every file"
echo "kill_load: ok"
