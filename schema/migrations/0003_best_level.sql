-- iprdb schema version 3: each region's chosen level, kept as figures are loaded.
-- A comparison or a ranking asks for one indicator's level in one year across regions, and
-- takes for each region the best of its stored figures (curated before extracted, exact
-- before qualified, the newest publication, the latest loaded). Choosing at every question
-- meant reading every candidate and then each chosen row, all over a file that can be
-- gigabytes: at 10 million observations most of a question's time. best_level holds the
-- chosen figure of every key, a copy of the row it comes from, ordered by indicator, status
-- and year first, so that one question's rows lie together on a few pages. Triggers on
-- observation keep it (schema/best_level_triggers.sql); a bulk load drops them and rebuilds
-- the table once at its end (schema/best_level_rebuild.sql).
--
-- observation_compare served ad-hoc comparisons across regions by indicator and year:
-- best_level serves them better (the chosen figure, not all of them), and loading no longer
-- inserts into two structures ordered against the way documents arrive.
DROP INDEX IF EXISTS observation_compare;
DELETE FROM iprdb_meta WHERE key = 'deferred_index:observation_compare';

CREATE TABLE best_level (
  indicator_id   INTEGER NOT NULL REFERENCES indicator(id),
  status         TEXT NOT NULL,
  year           INTEGER NOT NULL,
  region_id      INTEGER NOT NULL REFERENCES region(id),
  -- The period as a key: the whole year (no months, or 1—12月) is 12/1; 1—9月 and 截至9月底
  -- are both 9/1; 8月当月 is 8/8.
  period_end     INTEGER NOT NULL,
  period_first   INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  -- Copied from the observation (and its document's date), for the question to read here.
  month_start    INTEGER,
  month_end      INTEGER,
  value          REAL NOT NULL,
  unit           TEXT NOT NULL,
  value_text     TEXT,
  qualifier      TEXT NOT NULL,
  base_year      INTEGER,
  rank_of        TEXT,
  origin         TEXT NOT NULL,
  document_id    INTEGER NOT NULL,
  published_on   TEXT,
  quote          TEXT,
  span_start     INTEGER,
  span_end       INTEGER,
  PRIMARY KEY (indicator_id, status, year, region_id, period_end, period_first)
) STRICT, WITHOUT ROWID;
