-- Cheaper writes of hour records for file imports, same rules (bench/RESULTS.md, fourth import run).
--
-- A file import's deferred SPAR roll-up, cheaper (bench/RESULTS.md, fourth import run): instead of copying every written row
-- into a temporary table and aggregating the whole file at the end (scans of a million-row stage, ≈ 4.5 s per million rows
-- with its ANALYZE), each chunk's rows are summed as they are written, straight from the trigger's transition tables, into
-- two small stages at the grain the flush needs: per lot, modality and SIAE (hour_month_totals and the coarser roll-ups
-- of 0015), and per person and reserved status (participant_year_totals), both still per contract, month and version so that the flush keeps only the rows of
-- each month's latest statement version, as hour_rollups_sql does. A lot's reserved status is read when its rows are
-- written, as the statement-by-statement roll-up does. The flush then sums the stages (a few thousand rows per month).

CREATE OR REPLACE FUNCTION begin_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS hour_rollup_stage_months (
    organisation_id uuid, contract_id uuid, month date, version integer, lot_id uuid, modality text, siae_id uuid,
    hours numeric, records bigint
  ) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS hour_rollup_stage_people (
    organisation_id uuid, contract_id uuid, month date, version integer, participant_id uuid, reserved boolean,
    hours numeric, records bigint
  ) ON COMMIT DROP;
  PERFORM set_config('clauses.rollups_deferred', 'on', true);
END
$$;

-- The statement that sums signed rows (src: a query over hour_records' columns plus "sign") into the two stages. Run with
-- EXECUTE inside the trigger function, where the transition tables are visible.
CREATE FUNCTION hour_rollups_stage_sql(src text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH d AS NOT MATERIALIZED (
      SELECT organisation_id, contract_id, date_trunc('month', period)::date AS month, version, lot_id, participant_id, modality,
             siae_id, sign * hours AS hours, sign
        FROM (%s) s),
    months AS (
      INSERT INTO pg_temp.hour_rollup_stage_months
      SELECT organisation_id, contract_id, month, version, lot_id, modality, siae_id, sum(hours), sum(sign)
        FROM d GROUP BY organisation_id, contract_id, month, version, lot_id, modality, siae_id
      RETURNING 1),
    reserved_lots AS MATERIALIZED (
      SELECT lot_id FROM (SELECT DISTINCT lot_id FROM d OFFSET 0) l WHERE lot_is_reserved(lot_id)),
    people AS (
      INSERT INTO pg_temp.hour_rollup_stage_people
      SELECT organisation_id, contract_id, month, version, participant_id, lot_id IN (SELECT lot_id FROM reserved_lots),
             sum(hours), sum(sign)
        FROM d GROUP BY 1, 2, 3, 4, 5, 6
      RETURNING 1)
    SELECT (SELECT count(*) FROM months) + (SELECT count(*) FROM people)
  $q$, src)
$f$;

CREATE OR REPLACE FUNCTION flush_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  IF to_regclass('pg_temp.hour_rollup_stage_months') IS NOT NULL THEN
    -- Only each month's latest statement version counts (a month without statement counts every version); the upserts are
    -- the statement-by-statement roll-up's own (0015).
    EXECUTE format($q$
      WITH skipped AS MATERIALIZED (
        SELECT g.contract_id, g.month, g.version
          FROM (SELECT DISTINCT contract_id, month, version FROM pg_temp.hour_rollup_stage_months) g
         WHERE g.version <> coalesce((SELECT max(st.version) FROM hour_statements st
                                       WHERE st.contract_id = g.contract_id AND st.period = g.month), g.version)),
      fine AS MATERIALIZED (
        SELECT * FROM pg_temp.hour_rollup_stage_months m
         WHERE NOT EXISTS (SELECT 1 FROM skipped k WHERE k.contract_id = m.contract_id AND k.month = m.month AND k.version = m.version)),
      persons AS MATERIALIZED (
        SELECT * FROM pg_temp.hour_rollup_stage_people s
         WHERE NOT EXISTS (SELECT 1 FROM skipped k WHERE k.contract_id = s.contract_id AND k.month = s.month AND k.version = s.version)),
      %s
      $q$, hour_rollup_upserts_sql()) INTO written;
    TRUNCATE pg_temp.hour_rollup_stage_months, pg_temp.hour_rollup_stage_people;
  END IF;
  PERFORM set_config('clauses.rollups_deferred', 'off', true);
END
$$;

CREATE OR REPLACE FUNCTION hour_rollups_on_records() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  cols text := 'organisation_id, contract_id, lot_id, participant_id, modality, siae_id, period, version, hours';
  src text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', cols)
    ELSE format('SELECT %s, 1 AS sign FROM new_rows UNION ALL SELECT %s, -1 AS sign FROM old_rows', cols, cols) END;
BEGIN
  IF current_setting('clauses.rollups_deferred', true) = 'on' THEN
    EXECUTE hour_rollups_stage_sql(src);     -- an import: HoursPipeline took the organisation's turn at its first write
  ELSE
    -- Every writer of an organisation's roll-ups takes the organisation's turn (the lock HoursPipeline takes) before it
    -- locks any roll-up row, and recounts people (refresh_spar_people's lock) after: one lock order for all of them, so a
    -- correction or an erasure cannot deadlock with a send of the same people's hours.
    EXECUTE format('SELECT pg_advisory_xact_lock(hashtextextended(''hours:'' || o, 0))
                      FROM (SELECT DISTINCT organisation_id AS o FROM (%s) s ORDER BY 1) x', src);
    EXECUTE hour_rollups_sql(src, true);
  END IF;
  RETURN NULL;
END
$$;

-- A statement created before any of its month's rows (what every import does for a new month) has nothing to roll up: skip
-- planning and running the roll-up statement (≈ 50 ms per new month of an import) when the month holds no row of the contract.
-- The test always probes the (organisation_id, period) index: a table without statistics yet (new, or just emptied) made the
-- planner scan the rows the import had already written, ≈ 60 ms per new month (bench/RESULTS.md, fourth run).
CREATE FUNCTION hour_month_has_records(org uuid, contract uuid, month date) RETURNS boolean
  LANGUAGE sql STABLE SET enable_seqscan = off AS $$
  SELECT EXISTS (SELECT 1 FROM hour_records
                  WHERE organisation_id = org AND contract_id = contract AND period >= month AND period < month + interval '1 month')
$$;

CREATE OR REPLACE FUNCTION hour_rollups_on_statement() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  previous integer;
BEGIN
  IF EXISTS (SELECT 1 FROM hour_statements WHERE contract_id = NEW.contract_id AND period = NEW.period AND version > NEW.version) THEN
    RETURN NULL;     -- an older version arriving late: the latest one still decides
  END IF;
  IF NOT hour_month_has_records(NEW.organisation_id, NEW.contract_id, NEW.period) THEN
    RETURN NULL;     -- no row in the month yet: nothing counts differently
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('hours:' || NEW.organisation_id, 0));   -- see hour_rollups_on_records
  SELECT max(version) INTO previous FROM hour_statements
   WHERE contract_id = NEW.contract_id AND period = NEW.period AND version < NEW.version;
  EXECUTE hour_rollups_sql(format(
    'SELECT organisation_id, contract_id, lot_id, participant_id, modality, siae_id, period, version, hours,
            (CASE WHEN version = %s THEN 1 ELSE 0 END) - (CASE WHEN %L::int IS NULL OR version = %L::int THEN 1 ELSE 0 END) AS sign
       FROM hour_records
      WHERE organisation_id = %L AND contract_id = %L
        AND period >= %L::date AND period < (%L::date + interval ''1 month'')
        AND (version = %s OR %L::int IS NULL OR version = %L::int)',
    NEW.version, previous, previous, NEW.organisation_id, NEW.contract_id, NEW.period, NEW.period, NEW.version, previous, previous), false);
  RETURN NULL;
END
$$;

-- The reference check of each written chunk with one pass per referenced table instead of two: the distinct lots (and
-- people) the rows name are probed, matched on contract and organisation and locked FOR KEY SHARE, as a foreign key would,
-- in one statement; a key that matched nothing makes the counts differ. On success every lot and person the rows name is
-- locked, as before; a failing chunk raises the same errors.
CREATE OR REPLACE FUNCTION hour_records_check_references() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  wanted bigint;
  found bigint;
BEGIN
  WITH n AS MATERIALIZED (SELECT DISTINCT lot_id, contract_id, organisation_id FROM new_rows)
  SELECT (SELECT count(*) FROM n),
         (SELECT count(*) FROM (SELECT 1 FROM lots l JOIN n ON l.id = n.lot_id AND l.contract_id = n.contract_id
                                                          AND l.organisation_id = n.organisation_id
                                 FOR KEY SHARE OF l) k)
    INTO wanted, found;
  IF wanted <> found THEN
    RAISE EXCEPTION 'hour record on a lot outside its contract or organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  WITH n AS MATERIALIZED (SELECT DISTINCT participant_id, organisation_id FROM new_rows)
  SELECT (SELECT count(*) FROM n),
         (SELECT count(*) FROM (SELECT 1 FROM participants p JOIN n ON p.id = n.participant_id AND p.organisation_id = n.organisation_id
                                 FOR KEY SHARE OF p) k)
    INTO wanted, found;
  IF wanted <> found THEN
    RAISE EXCEPTION 'hour record for a participant outside its organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT clause_id, organisation_id FROM new_rows WHERE clause_id IS NOT NULL) n
              WHERE NOT EXISTS (SELECT 1 FROM clauses c WHERE c.id = n.clause_id AND c.organisation_id = n.organisation_id))
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT siae_id FROM new_rows WHERE siae_id IS NOT NULL) n
                 WHERE NOT EXISTS (SELECT 1 FROM siae s WHERE s.id = n.siae_id)) THEN
    RAISE EXCEPTION 'hour record naming an unknown clause or SIAE' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
