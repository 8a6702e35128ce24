-- SPAR roll-ups: the dashboards read these, never hour_records (20 M rows at national scale). They are kept by the
-- statement triggers below as hours are written, so they stay exact after re-imports, corrections and erasures.
--
-- A record counts when its version is the latest statement version of its contract and month (a correction replaces
-- what it corrects, DOMAIN §5), or when its month has no statement at all (rows stored before statements existed).

-- Hours per organisation, month, contract, lot and modality.
CREATE TABLE hour_month_totals (
  organisation_id uuid NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  contract_id     uuid NOT NULL,
  lot_id          uuid NOT NULL,
  modality        text NOT NULL,
  hours           numeric(16,2) NOT NULL,
  records         integer NOT NULL,
  PRIMARY KEY (organisation_id, month, contract_id, lot_id, modality)
);
-- The burn-down and clause fulfilment read each hourly clause's hours over its whole execution: keyed by lot then month and
-- carrying what they read, each lot is one short range read from the index alone (RLS's organisation_id included); at
-- national scale this took the burn-down query from 219 to 45 ms p95 (bench/RESULTS.md, "SPAR dashboard at national scale").
CREATE INDEX hour_month_totals_lot_month ON hour_month_totals (lot_id, month) INCLUDE (organisation_id, hours);
SELECT enable_tenant_rls('hour_month_totals');

-- Distinct people per organisation and year (R27: each person counted once), split by whether the hours were done on a
-- reserved lot (L2113-12 to L2113-15) or not, for "% RSA overall, in clauses, in reserved markets".
CREATE TABLE participant_year_totals (
  organisation_id uuid NOT NULL,
  year            integer NOT NULL,
  participant_id  uuid NOT NULL,
  reserved        boolean NOT NULL,
  hours           numeric(16,2) NOT NULL,
  records         integer NOT NULL,
  PRIMARY KEY (organisation_id, year, participant_id, reserved)
);
SELECT enable_tenant_rls('participant_year_totals');

CREATE FUNCTION lot_is_reserved(lot uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM clauses c WHERE c.lot_id = lot
                    AND c.instrument IN ('reserve_l2113_12', 'reserve_l2113_13', 'reserve_l2113_13_1', 'reserve_l2113_15'))
$$;

-- The roll-up statement for a set of signed rows. src is a query over hour_records' columns plus "sign" (+1 or -1);
-- with only_current, rows whose version is not their month's latest are left out. Run with EXECUTE inside the trigger
-- functions, where the transition tables are visible. It runs on every write of hours, so it reads the rows where they are
-- (a transition table or an import's stage, not copied into a work table that spills), looks the latest version up once
-- per (contract, month, version) group and the reserved status once per lot (OFFSET 0 keeps PostgreSQL from pushing the
-- test below the DISTINCT, i.e. once per row), and aggregates twice (bench/RESULTS.md, third import run).
CREATE FUNCTION hour_rollups_sql(src text, only_current boolean) RETURNS text
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

-- A file import writes its hours in chunks of up to 50 000 rows. Rolling each chunk up on its own would update the same
-- few thousand per-person totals again and again (the dearest part of an import, bench/RESULTS.md), so an import defers
-- the roll-up: the triggers gather its rows in a temporary table, and HoursPipeline.CompleteAsync rolls them up once, by
-- the same SQL, before the import commits (tests compare the roll-ups with a recount after imports). Everything else
-- (the pane's batches, corrections, erasures) rolls up statement by statement.
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

-- Rolls up what was gathered, then stops deferring.
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

CREATE FUNCTION hour_rollups_on_records() RETURNS trigger
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

CREATE TRIGGER hour_records_rollups_on_insert AFTER INSERT ON hour_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_rollups_on_records();
CREATE TRIGGER hour_records_rollups_on_update AFTER UPDATE ON hour_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_rollups_on_records();
CREATE TRIGGER hour_records_rollups_on_delete AFTER DELETE ON hour_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_rollups_on_records();

-- A statement changes which rows of its month count. Before it, the month counted either every row (no statement yet: rows
-- stored before statements existed) or the rows of the previous latest version; after it, only the rows of its own
-- version, if it is the latest. A correction is the usual case: version 2 replaces version 1.
CREATE FUNCTION hour_rollups_on_statement() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  previous integer;
BEGIN
  IF EXISTS (SELECT 1 FROM hour_statements WHERE contract_id = NEW.contract_id AND period = NEW.period AND version > NEW.version) THEN
    RETURN NULL;     -- an older version arriving late: the latest one still decides
  END IF;
  SELECT max(version) INTO previous FROM hour_statements
   WHERE contract_id = NEW.contract_id AND period = NEW.period AND version < NEW.version;
  EXECUTE hour_rollups_sql(format(
    'SELECT organisation_id, contract_id, lot_id, participant_id, modality, period, version, hours,
            (CASE WHEN version = %s THEN 1 ELSE 0 END) - (CASE WHEN %L::int IS NULL OR version = %L::int THEN 1 ELSE 0 END) AS sign
       FROM hour_records
      WHERE organisation_id = %L AND contract_id = %L
        AND period >= %L::date AND period < (%L::date + interval ''1 month'')
        AND (version = %s OR %L::int IS NULL OR version = %L::int)',
    NEW.version, previous, previous, NEW.organisation_id, NEW.contract_id, NEW.period, NEW.period, NEW.version, previous, previous), false);
  RETURN NULL;
END
$$;

CREATE TRIGGER hour_statements_rollups AFTER INSERT ON hour_statements
  FOR EACH ROW EXECUTE FUNCTION hour_rollups_on_statement();

-- Existing data.
DO $$ BEGIN EXECUTE hour_rollups_sql('SELECT *, 1 AS sign FROM hour_records', true); END $$;

-- People counts for the dashboards. Directors may not read eligibility validations (facilitators only, DOMAIN §9), so
-- only aggregates leave this function, and only for an organisation the caller belongs to; the API masks counts below 5
-- (Core SmallCell). Typology is read at query time, so an anonymisation or a new validation shows at once.
CREATE FUNCTION spar_people(org uuid, yr integer) RETURNS TABLE (dimension text, category text, persons bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH p AS (
    SELECT t.participant_id, bool_or(t.reserved) AS in_reserved, bool_or(NOT t.reserved) AS in_clauses
      FROM participant_year_totals t
     WHERE t.organisation_id = org AND t.year = yr AND t.records > 0
       AND org = ANY ((SELECT app_org_ids())::uuid[])
     GROUP BY t.participant_id),
  f AS (
    SELECT p.in_reserved, p.in_clauses, pa.sex, pa.birth_year, pa.qpv_resident,
           coalesce((SELECT array_agg(DISTINCT c) FROM eligibility_validations v, unnest(v.criteria) AS c
                      WHERE v.participant_id = p.participant_id
                        AND v.validated_on <= make_date(yr, 12, 31) AND v.valid_until >= make_date(yr, 1, 1)), '{}') AS criteria
      FROM p JOIN participants pa ON pa.id = p.participant_id)
  SELECT 'ensemble', 'tous', count(*) FROM f
  UNION ALL SELECT 'ensemble', 'clauses', count(*) FILTER (WHERE in_clauses) FROM f
  UNION ALL SELECT 'ensemble', 'reserves', count(*) FILTER (WHERE in_reserved) FROM f
  UNION ALL SELECT 'rsa', 'tous', count(*) FILTER (WHERE 'rsa' = ANY (criteria)) FROM f
  UNION ALL SELECT 'rsa', 'clauses', count(*) FILTER (WHERE 'rsa' = ANY (criteria) AND in_clauses) FROM f
  UNION ALL SELECT 'rsa', 'reserves', count(*) FILTER (WHERE 'rsa' = ANY (criteria) AND in_reserved) FROM f
  UNION ALL SELECT 'sexe', coalesce(sex, 'inconnu'), count(*) FROM f GROUP BY 2
  UNION ALL SELECT 'age', CASE WHEN birth_year IS NULL THEN 'inconnu' WHEN yr - birth_year < 26 THEN 'moins_26'
                               WHEN yr - birth_year < 50 THEN '26_49' ELSE '50_plus' END, count(*) FROM f GROUP BY 2
  UNION ALL SELECT 'qpv', CASE qpv_resident WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'inconnu' END, count(*) FROM f GROUP BY 2
  UNION ALL SELECT 'public', c, count(*) FROM f, unnest(f.criteria) AS c GROUP BY 2
$$;
