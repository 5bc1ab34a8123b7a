-- iprdb schema version 4: best_level ordered the way questions ask, and self-contained.
-- A comparison asks for the regions of one level under one parent (a province's prefectures),
-- a ranking for every province. With best_level keyed (indicator, status, year, region),
-- provinces, prefectures and counties were interleaved by code, so each region asked for cost a
-- search of its own from the root of a table of millions of rows (about 2 µs each at 10 million
-- observations here; a ranking of provinces, 33 of them). Keyed by the region's depth first,
-- the regions of one level under one parent are one run of rows: one search, then neighbours.
-- The document's title and file are copied too, as its date already was: a row is read where
-- it lies, without a document lookup per region (a third of a comparison's SQL). The triggers
-- refuse to change those under figures that copied them (document_source_unchanged).
--
-- The table is emptied here and filled again in one sort when the file is next opened for
-- writing (store/best_levels.cpp), as after a bulk load; until then questions choose from
-- observation.
DROP TRIGGER IF EXISTS best_level_insert;
DROP TRIGGER IF EXISTS best_level_delete;
DROP TRIGGER IF EXISTS observation_unchanged;
DROP TRIGGER IF EXISTS document_date_unchanged;
DROP TABLE best_level;

CREATE TABLE best_level (
  indicator_id   INTEGER NOT NULL REFERENCES indicator(id),
  status         TEXT NOT NULL,
  year           INTEGER NOT NULL,
  -- From the form of the GB/T 2260 code, which the gazetteer's levels follow: 0 the country
  -- (000000), 1 a province (xx0000), 2 a prefecture (xxxx00), 3 a county.
  region_depth   INTEGER NOT NULL,
  region_id      INTEGER NOT NULL REFERENCES region(id),
  -- The period as a key: the whole year (no months, or 1—12月) is 12/1; 1—9月 and 截至9月底
  -- are both 9/1; 8月当月 is 8/8.
  period_end     INTEGER NOT NULL,
  period_first   INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  -- Copied from the observation and its document, for the question to read here.
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
  title          TEXT,
  published_on   TEXT,
  file           TEXT NOT NULL,
  quote          TEXT,
  span_start     INTEGER,
  span_end       INTEGER,
  PRIMARY KEY (indicator_id, status, year, region_depth, region_id, period_end, period_first)
) STRICT, WITHOUT ROWID;
