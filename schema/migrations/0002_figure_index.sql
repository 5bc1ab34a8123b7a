-- iprdb schema version 2: questions choose their figures from an index alone.
-- A comparison picks, for each region, the best of several stored figures for an indicator
-- and year: the right measure, status and months, curated before extracted, exact before
-- qualified. With only (region, indicator, year) indexed, every candidate row, quote and all,
-- was read from the table to be judged, and most were thrown away; at 10 million observations
-- that was most of a question's time. This index holds everything the choice reads (the
-- document's date comes from the small document table), so only the chosen rows are read.
-- Its first columns serve every lookup the old observation_region index served.
DROP INDEX observation_region;
CREATE INDEX observation_figure ON observation(region_id, indicator_id, measure, status, year,
                                               cumulative, period_start, month_end, month_start,
                                               origin, qualifier, document_id);
