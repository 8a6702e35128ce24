-- A file import writes its hours in chunks of up to 50 000 rows. Rolling each chunk up on its own updates the same few
-- thousand per-person totals again and again (the dearest part of an import, bench/RESULTS.md), so an import defers the
-- roll-up: its chunks' rows are gathered in a temporary table and rolled up once, by the same SQL, before it commits.
-- Everything else (the pane's batches, corrections, erasures) still rolls up statement by statement.

-- The roll-up statement again, with two fixes found by timing a whole file rolled up at once: the rows are read where
-- they are (a transition table or the stage) instead of being copied into a spilling work table, and the reserved-lot
-- test runs once per distinct lot (OFFSET 0 keeps PostgreSQL from pushing it below the DISTINCT, i.e. once per row).
CREATE OR REPLACE FUNCTION hour_rollups_sql(src text, only_current boolean) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH d AS NOT MATERIALIZED (
      SELECT organisation_id, contract_id, lot_id, participant_id, modality, date_trunc('month', period)::date AS month,
             version, hours, sign
        FROM (%s) s),
    groups AS (SELECT contract_id, month, version FROM d GROUP BY contract_id, month, version),
    skipped AS MATERIALIZED (
      SELECT g.contract_id, g.month, g.version FROM groups g
       WHERE %L AND g.version <> coalesce((SELECT max(st.version) FROM hour_statements st
                                            WHERE st.contract_id = g.contract_id AND st.period = g.month), g.version)),
    reserved_lots AS MATERIALIZED (
      SELECT lot_id FROM (SELECT DISTINCT lot_id FROM d OFFSET 0) l WHERE lot_is_reserved(lot_id)),
    totals AS (
      INSERT INTO hour_month_totals AS t (organisation_id, month, contract_id, lot_id, modality, hours, records)
      SELECT organisation_id, month, contract_id, lot_id, modality, sum(sign * hours), sum(sign)
        FROM d
       WHERE NOT EXISTS (SELECT 1 FROM skipped k WHERE k.contract_id = d.contract_id AND k.month = d.month AND k.version = d.version)
       GROUP BY organisation_id, month, contract_id, lot_id, modality
       ORDER BY organisation_id, month, contract_id, lot_id, modality   -- one lock order for concurrent writers
      ON CONFLICT (organisation_id, month, contract_id, lot_id, modality)
      DO UPDATE SET hours = t.hours + excluded.hours, records = t.records + excluded.records
      RETURNING 1),
    people AS (
      INSERT INTO participant_year_totals AS p (organisation_id, year, participant_id, reserved, hours, records)
      SELECT d.organisation_id, extract(year FROM d.month)::int, d.participant_id,
             d.lot_id IN (SELECT lot_id FROM reserved_lots), sum(d.sign * d.hours), sum(d.sign)
        FROM d
       WHERE NOT EXISTS (SELECT 1 FROM skipped k WHERE k.contract_id = d.contract_id AND k.month = d.month AND k.version = d.version)
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, year, participant_id, reserved)
      DO UPDATE SET hours = p.hours + excluded.hours, records = p.records + excluded.records
      RETURNING 1)
    SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM people)
  $q$, src, only_current)
$f$;

CREATE FUNCTION begin_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS hour_rollup_stage (
    organisation_id uuid, contract_id uuid, lot_id uuid, participant_id uuid, modality text, period date, version integer,
    hours numeric(10,2), sign integer
  ) ON COMMIT DROP;
  PERFORM set_config('clauses.rollups_deferred', 'on', true);
END
$$;

-- Rolls up what was gathered, then stops deferring. HoursPipeline.CompleteAsync calls it before the import commits (tests
-- compare the roll-ups with a recount after imports).
CREATE FUNCTION flush_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.hour_rollup_stage') IS NOT NULL THEN
    -- Statistics let the planner see a few thousand people in a million rows: it then hashes instead of sorting to disk.
    ANALYZE pg_temp.hour_rollup_stage;
    EXECUTE hour_rollups_sql('SELECT * FROM pg_temp.hour_rollup_stage', true);
    TRUNCATE pg_temp.hour_rollup_stage;
  END IF;
  PERFORM set_config('clauses.rollups_deferred', 'off', true);
END
$$;

CREATE OR REPLACE FUNCTION hour_rollups_on_records() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT organisation_id, contract_id, lot_id, participant_id, modality, period, version, hours, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT organisation_id, contract_id, lot_id, participant_id, modality, period, version, hours, -1 AS sign FROM old_rows'
    ELSE 'SELECT organisation_id, contract_id, lot_id, participant_id, modality, period, version, hours, 1 AS sign FROM new_rows
          UNION ALL SELECT organisation_id, contract_id, lot_id, participant_id, modality, period, version, hours, -1 AS sign FROM old_rows' END;
BEGIN
  IF current_setting('clauses.rollups_deferred', true) = 'on' THEN
    EXECUTE 'INSERT INTO pg_temp.hour_rollup_stage ' || src;
  ELSE
    EXECUTE hour_rollups_sql(src, true);
  END IF;
  RETURN NULL;
END
$$;
