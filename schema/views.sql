-- Views for people in the sqlite3 shell: names instead of ids. Re-created on every migration.
DROP VIEW IF EXISTS observation_v;
DROP VIEW IF EXISTS best_observation;
DROP VIEW IF EXISTS conflict_v;
DROP VIEW IF EXISTS coverage_v;
DROP VIEW IF EXISTS best_level_v;

CREATE VIEW observation_v AS
SELECT o.id            AS observation_id,
       r.code          AS region_code,
       r.name          AS region,
       r.level         AS region_level,
       i.code          AS indicator_code,
       i.name_zh       AS indicator,
       o.year, o.month_start, o.month_end, o.period_start, o.cumulative,
       o.measure, o.value, o.unit, o.value_text, o.qualifier, o.status,
       o.base_year, o.rank_scope, o.rank_of, o.share_of,
       o.origin,
       d.title         AS source_title,
       d.published_on  AS source_published_on,
       d.origin        AS source_file,
       o.quote, o.span_start, o.span_end, o.note,
       o.document_id, o.region_id, o.indicator_id
FROM observation o
JOIN region r    ON r.id = o.region_id
JOIN indicator i ON i.id = o.indicator_id
JOIN document d  ON d.id = o.document_id;

-- One row per region x indicator x period x measure x status: curated before extracted,
-- exact before qualified figures, the newest publication first.
CREATE VIEW best_observation AS
SELECT * FROM (
  SELECT v.*,
         row_number() OVER (
           PARTITION BY v.region_id, v.indicator_id, v.year, v.month_start, v.month_end,
                        v.period_start, v.cumulative, v.measure, v.rank_scope, v.rank_of,
                        v.share_of, v.base_year, v.status
           ORDER BY v.origin = 'curated' DESC, v.qualifier = 'exact' DESC,
                    v.source_published_on DESC NULLS LAST, v.observation_id DESC) AS pick
  FROM observation_v v)
WHERE pick = 1;

-- Keys for which documents disagree on the value: each disagreeing observation is listed.
CREATE VIEW conflict_v AS
WITH disputed AS (
  SELECT region_id, indicator_id, year, month_start, month_end, period_start, cumulative,
         measure, rank_scope, rank_of, share_of, base_year, status,
         count(DISTINCT value) AS distinct_values
  FROM observation
  GROUP BY region_id, indicator_id, year, month_start, month_end, period_start, cumulative,
           measure, rank_scope, rank_of, share_of, base_year, status
  HAVING count(DISTINCT value) > 1)
SELECT v.region_code, v.region, v.indicator_code, v.indicator, v.year, v.month_start,
       v.month_end, v.period_start, v.cumulative, v.measure, v.status, v.value, v.unit,
       v.qualifier, v.origin, v.source_title, v.source_published_on, v.source_file, v.quote,
       v.observation_id, k.distinct_values
FROM observation_v v
JOIN disputed k
  ON k.region_id = v.region_id AND k.indicator_id = v.indicator_id AND k.year = v.year
 AND k.month_start IS v.month_start AND k.month_end IS v.month_end
 AND k.period_start IS v.period_start AND k.cumulative = v.cumulative
 AND k.measure = v.measure AND k.rank_scope IS v.rank_scope AND k.rank_of IS v.rank_of
 AND k.share_of IS v.share_of AND k.base_year IS v.base_year AND k.status = v.status;

-- Which region has which indicator for which years (actual full-year levels).
CREATE VIEW coverage_v AS
SELECT r.code AS region_code, r.name AS region, r.level AS region_level,
       i.code AS indicator_code, i.name_zh AS indicator,
       min(o.year) AS first_year, max(o.year) AS last_year,
       count(DISTINCT o.year) AS years, count(*) AS observations
FROM observation o
JOIN region r    ON r.id = o.region_id
JOIN indicator i ON i.id = o.indicator_id
WHERE o.measure = 'level' AND o.status = 'actual'
GROUP BY o.region_id, o.indicator_id;

-- Each region's chosen level per indicator, year and period, as comparisons and rankings take
-- it (best_level, kept as figures are loaded): the quick way to compare regions by hand.
CREATE VIEW best_level_v AS
SELECT r.code          AS region_code,
       r.name          AS region,
       r.level         AS region_level,
       i.code          AS indicator_code,
       i.name_zh       AS indicator,
       b.year, b.month_start, b.month_end, b.status, b.value, b.unit, b.value_text,
       b.qualifier, b.origin,
       b.title         AS source_title,
       b.published_on  AS source_published_on,
       b.file          AS source_file,
       b.quote, b.observation_id, b.document_id, b.region_id, b.indicator_id
FROM best_level b
JOIN region r    ON r.id = b.region_id
JOIN indicator i ON i.id = b.indicator_id;
