-- The triggers that keep best_level (migration 0003) in step with observation: for plain
-- levels (not running totals, not spans of years), every inserted figure replaces the chosen
-- one of its key when it is better, and a deleted chosen figure gives way to the best of the
-- rest. Observations are facts as documents stated them: they are never changed in place (a
-- correction is a curated record, loaded like any file), and a document's date (which decides
-- between figures), title and file (which best_level copies) are not changed under figures it
-- has. A bulk load drops these triggers and rebuilds best_level when it ends; iprdb creates
-- them again whenever they are missing. region_depth follows the code's form (migration 0004).

CREATE TRIGGER best_level_insert AFTER INSERT ON observation
WHEN NEW.measure = 'level' AND NEW.cumulative = 0 AND NEW.period_start IS NULL
BEGIN
  INSERT INTO best_level(indicator_id, status, year, region_depth, region_id, period_end,
                         period_first, observation_id, month_start, month_end, value, unit,
                         value_text, qualifier, base_year, rank_of, origin, document_id, title,
                         published_on, file, quote, span_start, span_end)
  SELECT NEW.indicator_id, NEW.status, NEW.year,
         CASE WHEN NEW.region_id = 0 THEN 0 WHEN NEW.region_id % 10000 = 0 THEN 1
              WHEN NEW.region_id % 100 = 0 THEN 2 ELSE 3 END,
         NEW.region_id, coalesce(NEW.month_end, 12),
         CASE WHEN NEW.month_end IS NULL THEN 1 ELSE coalesce(NEW.month_start, 1) END,
         NEW.id, NEW.month_start, NEW.month_end, NEW.value, NEW.unit, NEW.value_text,
         NEW.qualifier, NEW.base_year, NEW.rank_of, NEW.origin, NEW.document_id, d.title,
         d.published_on, d.origin, NEW.quote, NEW.span_start, NEW.span_end
  FROM document d WHERE d.id = NEW.document_id
  ON CONFLICT DO UPDATE SET
    observation_id = excluded.observation_id, month_start = excluded.month_start,
    month_end = excluded.month_end, value = excluded.value, unit = excluded.unit,
    value_text = excluded.value_text, qualifier = excluded.qualifier,
    base_year = excluded.base_year, rank_of = excluded.rank_of, origin = excluded.origin,
    document_id = excluded.document_id, title = excluded.title,
    published_on = excluded.published_on, file = excluded.file, quote = excluded.quote, span_start = excluded.span_start, span_end = excluded.span_end
  WHERE (excluded.origin = 'curated', excluded.qualifier = 'exact',
         coalesce(excluded.published_on, ''), excluded.observation_id)
      > (best_level.origin = 'curated', best_level.qualifier = 'exact',
         coalesce(best_level.published_on, ''), best_level.observation_id);
END;

CREATE TRIGGER best_level_delete AFTER DELETE ON observation
WHEN OLD.measure = 'level' AND OLD.cumulative = 0 AND OLD.period_start IS NULL
BEGIN
  DELETE FROM best_level
  WHERE indicator_id = OLD.indicator_id AND status = OLD.status AND year = OLD.year
    AND region_depth = CASE WHEN OLD.region_id = 0 THEN 0 WHEN OLD.region_id % 10000 = 0 THEN 1
                            WHEN OLD.region_id % 100 = 0 THEN 2 ELSE 3 END
    AND region_id = OLD.region_id AND period_end = coalesce(OLD.month_end, 12)
    AND period_first = CASE WHEN OLD.month_end IS NULL THEN 1
                            ELSE coalesce(OLD.month_start, 1) END
    AND observation_id = OLD.id;
  INSERT OR IGNORE INTO best_level(indicator_id, status, year, region_depth, region_id,
                                   period_end, period_first, observation_id, month_start,
                                   month_end, value, unit, value_text, qualifier, base_year,
                                   rank_of, origin, document_id, title, published_on, file,
                                   quote, span_start, span_end)
  SELECT o.indicator_id, o.status, o.year,
         CASE WHEN o.region_id = 0 THEN 0 WHEN o.region_id % 10000 = 0 THEN 1
              WHEN o.region_id % 100 = 0 THEN 2 ELSE 3 END,
         o.region_id, coalesce(o.month_end, 12),
         CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END,
         o.id, o.month_start, o.month_end, o.value, o.unit, o.value_text, o.qualifier,
         o.base_year, o.rank_of, o.origin, o.document_id, d.title, d.published_on, d.origin,
         o.quote, o.span_start, o.span_end
  FROM observation o JOIN document d ON d.id = o.document_id
  WHERE o.region_id = OLD.region_id AND o.indicator_id = OLD.indicator_id
    AND o.measure = 'level' AND o.status = OLD.status AND o.year = OLD.year
    AND o.cumulative = 0 AND o.period_start IS NULL
    AND coalesce(o.month_end, 12) = coalesce(OLD.month_end, 12)
    AND CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END
      = CASE WHEN OLD.month_end IS NULL THEN 1 ELSE coalesce(OLD.month_start, 1) END
  ORDER BY o.origin = 'curated' DESC, o.qualifier = 'exact' DESC,
           d.published_on DESC NULLS LAST, o.id DESC
  LIMIT 1;
END;

CREATE TRIGGER observation_unchanged BEFORE UPDATE ON observation
BEGIN
  SELECT RAISE(ABORT, 'observations are not changed in place: load a curated record instead');
END;

CREATE TRIGGER document_source_unchanged BEFORE UPDATE OF published_on, title, origin ON document
WHEN (NEW.published_on IS NOT OLD.published_on OR NEW.title IS NOT OLD.title
      OR NEW.origin IS NOT OLD.origin)
 AND EXISTS (SELECT 1 FROM observation WHERE document_id = OLD.id AND measure = 'level')
BEGIN
  SELECT RAISE(ABORT, 'a document that has chosen figures keeps its date, title and file');
END;
