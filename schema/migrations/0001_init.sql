-- iprdb schema version 1.
-- Every table is STRICT so that a wrong type is an error, never a silent conversion.
-- schema/README.md documents each table and column for people using the sqlite3 shell.
-- Lists of allowed values are written `x = a OR x = b`, not `x IN (a, b)`: SQLite 3.40 builds a
-- temporary table for an IN list on every row it checks, which halved the insert rate.

CREATE TABLE iprdb_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The gazetteer. id is the six-digit code as an integer (520000; 0 for the whole country),
-- so ids never change when the gazetteer is refreshed.
CREATE TABLE region (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
  name         TEXT NOT NULL,
  short_name   TEXT NOT NULL,
  level        TEXT NOT NULL CHECK ((level = 'country' OR level = 'province' OR level = 'prefecture'
                               OR level = 'county')),
  parent_id    INTEGER REFERENCES region(id),
  pinyin       TEXT NOT NULL,
  valid_from   INTEGER,
  valid_to     INTEGER,
  successor_id INTEGER REFERENCES region(id)
) STRICT;
CREATE INDEX region_parent ON region(parent_id, level);
CREATE INDEX region_level ON region(level);

CREATE TABLE region_alias (
  alias     TEXT NOT NULL,
  region_id INTEGER NOT NULL REFERENCES region(id),
  kind      TEXT NOT NULL CHECK ((kind = 'full' OR kind = 'short' OR kind = 'rule'
                            OR kind = 'former' OR kind = 'hand')),
  PRIMARY KEY (alias, region_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE indicator (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  unit     TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK ((kind = 'stock' OR kind = 'flow' OR kind = 'ratio')),
  category TEXT NOT NULL
) STRICT;

CREATE TABLE indicator_alias (
  alias        TEXT NOT NULL,
  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
  PRIMARY KEY (alias, indicator_id)
) STRICT, WITHOUT ROWID;

-- One row per loaded file. text is the normalized text that observation spans point into.
CREATE TABLE document (
  id                INTEGER PRIMARY KEY,
  sha256            TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  origin            TEXT NOT NULL,
  format            TEXT NOT NULL CHECK ((format = 'text' OR format = 'html' OR format = 'jsonl')),
  title             TEXT,
  published_on      TEXT CHECK (published_on IS NULL OR published_on GLOB
                                '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  subject_region_id INTEGER REFERENCES region(id),
  reporting_year    INTEGER,
  encoding          TEXT NOT NULL,
  text              TEXT NOT NULL,
  extractor_version TEXT,
  loaded_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE observation (
  id           INTEGER PRIMARY KEY,
  region_id    INTEGER NOT NULL REFERENCES region(id),
  indicator_id INTEGER NOT NULL REFERENCES indicator(id),
  year         INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  month_start  INTEGER CHECK (month_start BETWEEN 1 AND 12),
  month_end    INTEGER CHECK (month_end BETWEEN 1 AND 12),
  period_start INTEGER CHECK (period_start IS NULL OR period_start <= year),
  cumulative   INTEGER NOT NULL DEFAULT 0 CHECK ((cumulative = 0 OR cumulative = 1)),
  measure      TEXT NOT NULL CHECK ((measure = 'level' OR measure = 'growth_pct'
                               OR measure = 'change_pp' OR measure = 'rank' OR measure = 'share_pct'
                               OR measure = 'change_abs')),
  base_year    INTEGER,
  rank_scope   TEXT,
  rank_of      TEXT,
  share_of     TEXT CHECK (share_of IS NULL OR (share_of = 'province' OR share_of = 'country')),
  status       TEXT NOT NULL CHECK ((status = 'actual' OR status = 'target')),
  value        REAL NOT NULL,
  unit         TEXT NOT NULL,
  value_text   TEXT,
  qualifier    TEXT NOT NULL CHECK ((qualifier = 'exact' OR qualifier = 'approx'
                               OR qualifier = 'more_than' OR qualifier = 'at_least'
                               OR qualifier = 'less_than' OR qualifier = 'at_most')),
  document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  span_start   INTEGER,
  span_end     INTEGER CHECK (span_end IS NULL OR span_end >= span_start),
  quote        TEXT,
  origin       TEXT NOT NULL CHECK ((origin = 'extracted' OR origin = 'curated')),
  note         TEXT,
  CHECK ((measure = 'rank') = (rank_scope IS NOT NULL)),
  CHECK ((measure = 'share_pct') = (share_of IS NOT NULL))
) STRICT;
-- The comparison query reads (indicator, year) across regions: covering it with value
-- avoids a table lookup per row.
CREATE INDEX observation_compare ON observation(indicator_id, year, region_id, value);
CREATE INDEX observation_region ON observation(region_id, indicator_id, year);
CREATE INDEX observation_document ON observation(document_id);
