-- best_level from scratch: the chosen level of every key, as the triggers of
-- best_level_triggers.sql would have left it. Rows go in in key order, so the table is
-- written as one sequence of pages.
DELETE FROM best_level;
INSERT INTO best_level(indicator_id, status, year, region_id, period_end, period_first,
                       observation_id, month_start, month_end, value, unit, value_text,
                       qualifier, base_year, rank_of, origin, document_id, published_on,
                       quote, span_start, span_end)
SELECT indicator_id, status, year, region_id, period_end, period_first, id, month_start,
       month_end, value, unit, value_text, qualifier, base_year, rank_of, origin, document_id,
       published_on, quote, span_start, span_end
FROM (
  SELECT o.*, d.published_on, coalesce(o.month_end, 12) AS period_end,
         CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END AS period_first,
         row_number() OVER (
           PARTITION BY o.indicator_id, o.status, o.year, o.region_id, coalesce(o.month_end, 12),
                        CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END
           ORDER BY o.origin = 'curated' DESC, o.qualifier = 'exact' DESC,
                    d.published_on DESC NULLS LAST, o.id DESC) AS pick
  FROM observation o JOIN document d ON d.id = o.document_id
  WHERE o.measure = 'level' AND o.cumulative = 0 AND o.period_start IS NULL)
WHERE pick = 1
ORDER BY indicator_id, status, year, region_id, period_end, period_first;
