-- The end of a file import's roll-up, cheaper, same sums (bench/RESULTS.md, eighth import run).
--
-- The people's roll-up sorted every staged person row (a million-row import stages ≈ 250 000: one per person, month and
-- chunk) to group them, because the upsert takes its rows in key order: ≈ 390 ms of sorting for 5 000 groups. They are now
-- summed by hashing first and only the sums are sorted (5 000 rows), still in key order so that two writers lock the same
-- people in the same order. Used by both roll-up paths (a statement's own, and the import's flush).
CREATE OR REPLACE FUNCTION hour_rollup_upserts_sql() RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT $q$
    totals AS (
      INSERT INTO hour_month_totals AS t (organisation_id, month, contract_id, lot_id, modality, hours, records)
      SELECT organisation_id, month, contract_id, lot_id, modality, sum(hours), sum(records)
        FROM fine GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (organisation_id, month, contract_id, lot_id, modality)
      DO UPDATE SET hours = t.hours + excluded.hours, records = t.records + excluded.records
      RETURNING 1),
    year_lots AS (
      INSERT INTO hour_year_lot_totals AS t (organisation_id, year, contract_id, lot_id, hours, records)
      SELECT organisation_id, extract(year FROM month)::int, contract_id, lot_id, sum(hours), sum(records)
        FROM fine GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, year, contract_id, lot_id)
      DO UPDATE SET hours = t.hours + excluded.hours, records = t.records + excluded.records
      RETURNING 1),
    modalities AS (
      INSERT INTO hour_month_modality_totals AS t (organisation_id, month, modality, siae_id, hours, records)
      SELECT organisation_id, month, modality, siae_id, sum(hours), sum(records)
        FROM fine GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, month, modality, siae_id)
      DO UPDATE SET hours = t.hours + excluded.hours, records = t.records + excluded.records
      RETURNING 1),
    person_sums AS MATERIALIZED (
      SELECT organisation_id, extract(year FROM month)::int AS year, participant_id, reserved, sum(hours) AS hours,
             sum(records) AS records
        FROM persons GROUP BY 1, 2, 3, 4),
    people AS (
      INSERT INTO participant_year_totals AS p (organisation_id, year, participant_id, reserved, hours, records)
      SELECT organisation_id, year, participant_id, reserved, hours, records FROM person_sums ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, year, participant_id, reserved)
      DO UPDATE SET hours = p.hours + excluded.hours, records = p.records + excluded.records
      RETURNING 1)
    SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM year_lots) + (SELECT count(*) FROM modalities)
         + (SELECT count(*) FROM people)
  $q$
$f$;

-- The flush copied the whole people stage into a CTE to leave out the months whose staged version is not their latest
-- statement's (≈ 230 ms for 250 000 rows; there are usually none). Those rows are now deleted from the stages first (nothing
-- to do when there are none), and the stages are summed as they are.
CREATE OR REPLACE FUNCTION flush_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  IF to_regclass('pg_temp.hour_rollup_stage_months') IS NOT NULL THEN
    -- Only each month's latest statement version counts (a month without statement counts every version). The people
    -- stage holds the same contract, month and version groups as the lots' (both come from the same written rows).
    WITH skipped AS MATERIALIZED (
      SELECT g.contract_id, g.month, g.version
        FROM (SELECT DISTINCT contract_id, month, version FROM pg_temp.hour_rollup_stage_months) g
       WHERE g.version <> coalesce((SELECT max(st.version) FROM hour_statements st
                                     WHERE st.contract_id = g.contract_id AND st.period = g.month), g.version)),
    months AS (
      DELETE FROM pg_temp.hour_rollup_stage_months m USING skipped k
       WHERE k.contract_id = m.contract_id AND k.month = m.month AND k.version = m.version)
    DELETE FROM pg_temp.hour_rollup_stage_people s USING skipped k
     WHERE k.contract_id = s.contract_id AND k.month = s.month AND k.version = s.version;
    EXECUTE format($q$
      WITH fine AS NOT MATERIALIZED (SELECT * FROM pg_temp.hour_rollup_stage_months),
      persons AS NOT MATERIALIZED (SELECT * FROM pg_temp.hour_rollup_stage_people),
      %s
      $q$, hour_rollup_upserts_sql()) INTO written;
    TRUNCATE pg_temp.hour_rollup_stage_months, pg_temp.hour_rollup_stage_people;
  END IF;
  PERFORM set_config('clauses.rollups_deferred', 'off', true);
END
$$;
