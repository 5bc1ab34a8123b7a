#!/usr/bin/env bash
# Two loaders on one database at once, and a reader beside them. Each document is its own
# IMMEDIATE transaction, so one loader waits for the other (busy timeout) and both finish;
# the reader, in WAL mode, sees a snapshot in which every stored document is complete.
# Then two loaders race to create the same new file: both finish, or one fails with one line.
#   concurrent_load.sh IPRDB_LOAD WORK_DIR
set -euo pipefail
export LC_ALL=C
load=$1
work=$2
files=120

rm -rf "$work"
mkdir -p "$work/a" "$work/b"
cd "$work"
fail() { echo "concurrent_load: $*" >&2; exit 1; }

# Two batches of our own bulletins, each file with its own figures; batch b repeats a's first
# ten files under other names (same bytes: stored once, by whichever loader comes first).
for i in $(seq 1 $files); do
  printf '%s年贵州省知识产权工作简报第%d期\n\n%s年，全省专利授权量%d件，同比增长%d.%d%%。截至%s年底，全省有效发明专利拥有量%d件。\n' \
    2023 "$i" 2023 $((18000 + i)) $((i % 9 + 1)) $((i % 7)) 2023 $((21000 + i)) > "a/a$(printf %04d "$i").txt"
  printf '%s年遵义市知识产权工作简报第%d期\n\n%s年，全市专利授权量%d件，同比增长%d.%d%%。全年商标注册申请量%d件。\n' \
    2022 "$i" 2022 $((5000 + i)) $((i % 5 + 1)) $((i % 3)) $((9000 + i)) > "b/b$(printf %04d "$i").txt"
done
for i in $(seq 1 10); do cp "a/a$(printf %04d "$i").txt" "b/copy$(printf %04d "$i").txt"; done

# Facts per document, as the dry run reads them (a copy has its original's).
"$load" --dry-run a/*.txt b/b*.txt | sed -n 's/.*"document":"[ab]\/\([^"]*\)".*/\1/p' \
  | sort | uniq -c | awk '{print $2, $1}' | sort -u > expected

"$load" --db db.sqlite --init > /dev/null 2>&1

# The reader: one statement is one snapshot; in none may a document lack an observation.
reader() {
  local n=0
  while [ ! -e done ]; do
    local partial
    partial=$(sqlite3 -readonly db.sqlite \
      "SELECT count(*) FROM document d WHERE (SELECT count(*) FROM observation o WHERE
         o.document_id = d.id) = 0" 2>/dev/null) || continue
    [ "$partial" = 0 ] || { echo "reader saw $partial documents without observations" > reader.err; return; }
    n=$((n + 1))
  done
  echo "$n" > reader.count
}
reader &
reader_pid=$!

status_a=0; status_b=0
"$load" --db db.sqlite --quiet a > a.out 2> a.err & pid_a=$!
"$load" --db db.sqlite --quiet b > b.out 2> b.err & pid_b=$!
wait "$pid_a" || status_a=$?
wait "$pid_b" || status_b=$?
touch done
wait "$reader_pid"

[ ! -e reader.err ] || fail "$(cat reader.err)"
[ "$status_a" -eq 0 ] || fail "loader a exited $status_a: $(cat a.err)"
[ "$status_b" -eq 0 ] || fail "loader b exited $status_b: $(cat b.err)"
[ "$(sqlite3 db.sqlite 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed"
sqlite3 -separator ' ' db.sqlite \
  "SELECT replace(replace(d.origin, 'a/', ''), 'b/', ''), count(o.id) FROM document d
   LEFT JOIN observation o ON o.document_id = d.id GROUP BY d.id" | sed 's/^copy/a/' | sort -u > stored
diff expected stored > /dev/null || fail "stored documents differ from the dry run: $(diff expected stored | head -5)"
[ "$(sqlite3 db.sqlite 'SELECT count(*) FROM document')" -eq $((2 * files)) ] \
  || fail "expected $((2 * files)) documents (the copies stored once)"
echo "two loaders: both finished, $((2 * files)) documents, integrity ok;" \
     "the reader checked $(cat reader.count) snapshots"

# Two loaders creating the same new file at once.
for round in 1 2 3; do
  rm -f new.sqlite new.sqlite-wal new.sqlite-shm
  status_a=0; status_b=0
  "$load" --db new.sqlite --quiet a > /dev/null 2> a.err & pid_a=$!
  "$load" --db new.sqlite --quiet b > /dev/null 2> b.err & pid_b=$!
  wait "$pid_a" || status_a=$?
  wait "$pid_b" || status_b=$?
  for side in a b; do
    status_var=status_$side
    if [ "${!status_var}" -ne 0 ]; then
      [ "$(wc -l < $side.err)" -eq 1 ] || fail "round $round: loader $side failed without one clear line: $(cat $side.err)"
      grep -q "locked" $side.err || fail "round $round: loader $side failed for another reason: $(cat $side.err)"
    fi
  done
  [ "$(sqlite3 new.sqlite 'PRAGMA integrity_check')" = ok ] || fail "round $round: integrity_check failed"
  echo "creating race $round: exits $status_a and $status_b"
done
echo "concurrent_load: ok"
