-- best_level from scratch: the chosen level of every key, as the triggers of
-- best_level_triggers.sql would have left it. One sort puts every key's figures best first
-- (the order the triggers judge by); the first of each key is stored and the rest, which
-- would repeat its key, are ignored. Rows go in in key order, so the table is written as one
-- sequence of pages. (A window function choosing each key's first row did the same in 50 %
-- more time: it sorted twice.)
DELETE FROM best_level;
INSERT OR IGNORE INTO best_level(indicator_id, status, year, region_depth, region_id, period_end,
                                 period_first, observation_id, month_start, month_end, value, unit,
                                 value_text, qualifier, base_year, rank_of, origin, document_id,
                                 title, published_on, file, quote, span_start, span_end)
SELECT o.indicator_id, o.status, o.year,
       CASE WHEN o.region_id = 0 THEN 0 WHEN o.region_id % 10000 = 0 THEN 1
            WHEN o.region_id % 100 = 0 THEN 2 ELSE 3 END,
       o.region_id, coalesce(o.month_end, 12),
       CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END,
       o.id, o.month_start, o.month_end, o.value, o.unit, o.value_text, o.qualifier, o.base_year,
       o.rank_of, o.origin, o.document_id, d.title, d.published_on, d.origin, o.quote,
       o.span_start, o.span_end
FROM observation o JOIN document d ON d.id = o.document_id
WHERE o.measure = 'level' AND o.cumulative = 0 AND o.period_start IS NULL
ORDER BY 1, 2, 3, 4, 5, 6, 7,
         o.origin = 'curated' DESC, o.qualifier = 'exact' DESC,
         d.published_on DESC NULLS LAST, o.id DESC;
