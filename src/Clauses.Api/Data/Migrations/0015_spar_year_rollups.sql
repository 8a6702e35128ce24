-- The year view of the SPAR dashboard at national scale (bench/RESULTS.md, "SPAR dashboard at national scale"): the
-- month × contract × lot × modality roll-up of 0013 is too fine for a métropole's year (82 000 rows for 200 000 records),
-- and counting people probed every person's participant and eligibility rows at each read (105 ms p95). So:
--   hour_year_lot_totals        hours per organisation, year, contract and lot (instrument, sector, contractor, contracts,
--                               and the burn-down's hours to date);
--   hour_month_modality_totals  hours per organisation, month, modality and SIAE (months chart, modalities, SIAE share,
--                               hours per SIAE: the records' siae_id, which 0013 did not keep);
--   spar_people_year            the people figures (typology, publics, territory) of an organisation's year, recounted
--                               whenever one of their inputs changes.
-- All three are written in the same transaction as what they summarise, so they are exact after re-imports, corrections,
-- anonymisations and erasures (SparRollupTests compares them with a recount).

CREATE TABLE hour_year_lot_totals (
  organisation_id uuid NOT NULL,
  year            integer NOT NULL,
  contract_id     uuid NOT NULL,
  lot_id          uuid NOT NULL,
  hours           numeric(16,2) NOT NULL,
  records         integer NOT NULL,
  PRIMARY KEY (organisation_id, year, contract_id, lot_id)
);
-- The burn-down reads each hourly clause's hours to date: a few years per lot, from the index alone.
CREATE INDEX hour_year_lot_totals_lot_year ON hour_year_lot_totals (lot_id, year) INCLUDE (organisation_id, hours);
SELECT enable_tenant_rls('hour_year_lot_totals');

CREATE TABLE hour_month_modality_totals (
  organisation_id uuid NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  modality        text NOT NULL,
  siae_id         uuid,
  hours           numeric(16,2) NOT NULL,
  records         integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, month, modality, siae_id)
);
SELECT enable_tenant_rls('hour_month_modality_totals');

-- The roll-ups' upserts, written once for every path that rolls hours up (the statement-by-statement roll-up below, an
-- import's flush in 0016), so that no path can forget a roll-up. The caller defines two relations of signed deltas: "fine"
-- (hours and records per organisation, month, contract, lot, modality and SIAE) and "persons" (hours and records per
-- organisation, month, person and whether the lot is reserved). Rows are upserted in key order: one lock order for
-- concurrent writers.
CREATE FUNCTION hour_rollup_upserts_sql() RETURNS text
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
    people AS (
      INSERT INTO participant_year_totals AS p (organisation_id, year, participant_id, reserved, hours, records)
      SELECT organisation_id, extract(year FROM month)::int, participant_id, reserved, sum(hours), sum(records)
        FROM persons GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (organisation_id, year, participant_id, reserved)
      DO UPDATE SET hours = p.hours + excluded.hours, records = p.records + excluded.records
      RETURNING 1)
    SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM year_lots) + (SELECT count(*) FROM modalities)
         + (SELECT count(*) FROM people)
  $q$
$f$;

-- The roll-up statement of 0013, now also carrying siae_id: the written rows aggregated once (fine) for the three hour
-- roll-ups, and per person for the people's.
CREATE OR REPLACE FUNCTION hour_rollups_sql(src text, only_current boolean) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH d AS NOT MATERIALIZED (
      SELECT organisation_id, contract_id, lot_id, participant_id, modality, siae_id, date_trunc('month', period)::date AS month,
             version, hours, sign
        FROM (%s) s),
    groups AS (SELECT contract_id, month, version FROM d GROUP BY contract_id, month, version),
    skipped AS MATERIALIZED (
      SELECT g.contract_id, g.month, g.version FROM groups g
       WHERE %L AND g.version <> coalesce((SELECT max(st.version) FROM hour_statements st
                                            WHERE st.contract_id = g.contract_id AND st.period = g.month), g.version)),
    reserved_lots AS MATERIALIZED (
      SELECT lot_id FROM (SELECT DISTINCT lot_id FROM d OFFSET 0) l WHERE lot_is_reserved(lot_id)),
    counted AS NOT MATERIALIZED (
      SELECT * FROM d
       WHERE NOT EXISTS (SELECT 1 FROM skipped k WHERE k.contract_id = d.contract_id AND k.month = d.month AND k.version = d.version)),
    fine AS MATERIALIZED (
      SELECT organisation_id, month, contract_id, lot_id, modality, siae_id, sum(sign * hours) AS hours, sum(sign) AS records
        FROM counted
       GROUP BY organisation_id, month, contract_id, lot_id, modality, siae_id),
    persons AS NOT MATERIALIZED (
      SELECT organisation_id, month, participant_id, lot_id IN (SELECT lot_id FROM reserved_lots) AS reserved,
             sign * hours AS hours, sign AS records
        FROM counted),
    %s
  $q$, src, only_current, hour_rollup_upserts_sql())
$f$;

-- The import's stage and the triggers' row sources gain siae_id (same column order: the stage is filled positionally).
CREATE OR REPLACE FUNCTION begin_deferred_hour_rollups() RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS hour_rollup_stage (
    organisation_id uuid, contract_id uuid, lot_id uuid, participant_id uuid, modality text, siae_id uuid, period date,
    version integer, hours numeric(10,2), sign integer
  ) ON COMMIT DROP;
  PERFORM set_config('clauses.rollups_deferred', 'on', true);
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
    EXECUTE 'INSERT INTO pg_temp.hour_rollup_stage ' || src;
  ELSE
    EXECUTE hour_rollups_sql(src, true);
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hour_rollups_on_statement() RETURNS trigger
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

-- Existing data: the year × lot totals are the month totals summed; the modality × SIAE totals need the records' siae_id,
-- so they are counted from hour_records under the rule of 0013 (a month's latest statement version, or every row of a
-- month without statement).
INSERT INTO hour_year_lot_totals (organisation_id, year, contract_id, lot_id, hours, records)
SELECT organisation_id, extract(year FROM month)::int, contract_id, lot_id, sum(hours), sum(records)
  FROM hour_month_totals GROUP BY 1, 2, 3, 4;

INSERT INTO hour_month_modality_totals (organisation_id, month, modality, siae_id, hours, records)
SELECT r.organisation_id, date_trunc('month', r.period)::date, r.modality, r.siae_id, sum(r.hours), count(*)
  FROM hour_records r
  LEFT JOIN (SELECT contract_id, period, max(version) AS version FROM hour_statements GROUP BY 1, 2) s
    ON s.contract_id = r.contract_id AND s.period = date_trunc('month', r.period)::date
 WHERE s.version IS NULL OR s.version = r.version
 GROUP BY 1, 2, 3, 4;

-- People figures of an organisation's year, as rows (dimension, category, persons, hours): each person counted once (R27),
-- "clauses" and "reserves" by where their hours were done, RSA and publics from the eligibility validations running
-- during the year, territory with the hours done there. Directors may not read eligibility validations (DOMAIN §9): only
-- these aggregates leave the owner's functions below; the API masks counts below 5 (Core SmallCell).
CREATE TABLE spar_people_year (
  organisation_id uuid NOT NULL,
  year            integer NOT NULL,
  dimension       text NOT NULL,
  category        text NOT NULL,
  persons         bigint NOT NULL,
  hours           numeric(16,2),
  PRIMARY KEY (organisation_id, year, dimension, category)
);
SELECT enable_tenant_rls('spar_people_year');

DROP FUNCTION spar_people(uuid, integer);

-- Set-based (one join per input, no query per person): it runs at every write that changes an input, not at each read.
CREATE FUNCTION spar_people_figures(org uuid, yr integer)
  RETURNS TABLE (dimension text, category text, persons bigint, hours numeric)
  LANGUAGE sql STABLE AS $$
  WITH p AS MATERIALIZED (
    SELECT t.participant_id, bool_or(t.reserved) AS in_reserved, bool_or(NOT t.reserved) AS in_clauses, sum(t.hours) AS hours
      FROM participant_year_totals t
     WHERE t.organisation_id = org AND t.year = yr AND t.records > 0
     GROUP BY t.participant_id),
  criteria AS MATERIALIZED (
    SELECT DISTINCT v.participant_id, c.criterion
      FROM eligibility_validations v CROSS JOIN unnest(v.criteria) AS c (criterion)
     WHERE v.organisation_id = org AND v.participant_id IN (SELECT participant_id FROM p)
       AND v.validated_on <= make_date(yr, 12, 31) AND v.valid_until >= make_date(yr, 1, 1)),
  f AS MATERIALIZED (
    SELECT p.in_reserved, p.in_clauses, p.hours, pa.sex, pa.birth_year, pa.qpv_resident, pa.departement,
           p.participant_id IN (SELECT participant_id FROM criteria WHERE criterion = 'rsa') AS rsa
      FROM p JOIN participants pa ON pa.id = p.participant_id)
  SELECT 'ensemble', 'tous', count(*), sum(hours) FROM f
  UNION ALL SELECT 'ensemble', 'clauses', count(*) FILTER (WHERE in_clauses), NULL FROM f
  UNION ALL SELECT 'ensemble', 'reserves', count(*) FILTER (WHERE in_reserved), NULL FROM f
  UNION ALL SELECT 'rsa', 'tous', count(*) FILTER (WHERE rsa), NULL FROM f
  UNION ALL SELECT 'rsa', 'clauses', count(*) FILTER (WHERE rsa AND in_clauses), NULL FROM f
  UNION ALL SELECT 'rsa', 'reserves', count(*) FILTER (WHERE rsa AND in_reserved), NULL FROM f
  UNION ALL SELECT 'sexe', coalesce(sex, 'inconnu'), count(*), NULL FROM f GROUP BY 2
  UNION ALL SELECT 'age', CASE WHEN birth_year IS NULL THEN 'inconnu' WHEN yr - birth_year < 26 THEN 'moins_26'
                               WHEN yr - birth_year < 50 THEN '26_49' ELSE '50_plus' END, count(*), NULL FROM f GROUP BY 2
  UNION ALL SELECT 'qpv', CASE qpv_resident WHEN true THEN 'oui' WHEN false THEN 'non' ELSE 'inconnu' END, count(*), NULL FROM f GROUP BY 2
  UNION ALL SELECT 'territoire', coalesce(departement, 'inconnu'), count(*), sum(hours) FROM f GROUP BY 2
  UNION ALL SELECT 'public', c.criterion, count(*), NULL FROM criteria c GROUP BY 2
$$;

CREATE FUNCTION refresh_spar_people(org uuid, yr integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- Recounts of one organisation take turns: each then reads what the others committed (read committed takes a new
  -- snapshot per statement), so the last recount is always complete.
  PERFORM pg_advisory_xact_lock(hashtextextended('spar_people:' || org, 0));
  DELETE FROM spar_people_year WHERE organisation_id = org AND year = yr;
  INSERT INTO spar_people_year (organisation_id, year, dimension, category, persons, hours)
  SELECT org, yr, f.dimension, f.category, f.persons, f.hours FROM spar_people_figures(org, yr) f WHERE f.persons > 0;
END
$$;
REVOKE EXECUTE ON FUNCTION refresh_spar_people(uuid, integer), spar_people_figures(uuid, integer) FROM PUBLIC;

-- Which organisation-years to recount: those of the written totals, or those where the changed people did hours.
CREATE INDEX participant_year_totals_participant ON participant_year_totals (participant_id);

CREATE FUNCTION spar_people_on_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  changed text := CASE
    WHEN TG_TABLE_NAME = 'participant_year_totals' THEN
      CASE TG_OP WHEN 'INSERT' THEN 'SELECT organisation_id, year FROM new_rows'
                 WHEN 'DELETE' THEN 'SELECT organisation_id, year FROM old_rows'
                 ELSE 'SELECT organisation_id, year FROM new_rows UNION SELECT organisation_id, year FROM old_rows' END
    WHEN TG_TABLE_NAME = 'participants' THEN
      CASE TG_OP WHEN 'DELETE' THEN 'SELECT t.organisation_id, t.year FROM participant_year_totals t JOIN old_rows o ON o.id = t.participant_id'
                 -- only the attributes the figures read
                 ELSE 'SELECT t.organisation_id, t.year FROM participant_year_totals t JOIN old_rows o ON o.id = t.participant_id
                         JOIN new_rows n ON n.id = o.id
                        WHERE (o.sex, o.birth_year, o.qpv_resident, o.departement) IS DISTINCT FROM (n.sex, n.birth_year, n.qpv_resident, n.departement)' END
    ELSE   -- eligibility_validations
      CASE TG_OP WHEN 'INSERT' THEN 'SELECT t.organisation_id, t.year FROM participant_year_totals t JOIN new_rows v ON v.participant_id = t.participant_id'
                 WHEN 'DELETE' THEN 'SELECT t.organisation_id, t.year FROM participant_year_totals t JOIN old_rows v ON v.participant_id = t.participant_id'
                 ELSE 'SELECT t.organisation_id, t.year FROM participant_year_totals t
                        JOIN (SELECT participant_id FROM new_rows UNION SELECT participant_id FROM old_rows) v ON v.participant_id = t.participant_id' END
  END;
BEGIN
  EXECUTE format('SELECT refresh_spar_people(organisation_id, year) FROM (SELECT DISTINCT organisation_id, year FROM (%s) c ORDER BY 1, 2) x', changed);
  RETURN NULL;
END
$$;

CREATE TRIGGER participant_year_totals_people_on_insert AFTER INSERT ON participant_year_totals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER participant_year_totals_people_on_update AFTER UPDATE ON participant_year_totals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER participant_year_totals_people_on_delete AFTER DELETE ON participant_year_totals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER participants_people_on_update AFTER UPDATE ON participants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER participants_people_on_delete AFTER DELETE ON participants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER eligibility_validations_people_on_insert AFTER INSERT ON eligibility_validations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER eligibility_validations_people_on_update AFTER UPDATE ON eligibility_validations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();
CREATE TRIGGER eligibility_validations_people_on_delete AFTER DELETE ON eligibility_validations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION spar_people_on_change();

DO $$ BEGIN
  PERFORM refresh_spar_people(organisation_id, year)
     FROM (SELECT DISTINCT organisation_id, year FROM participant_year_totals ORDER BY 1, 2) x;
END $$;

-- The dashboard reads an organisation's lots, their instruments and relevance analyses as sets, from the index alone, and
-- counts its partnerships without reading every organisation's.
CREATE INDEX lots_organisation_facts ON lots (organisation_id) INCLUDE (contract_id, id, number, contractor_company_id);
DROP INDEX clauses_org;
CREATE INDEX clauses_org ON clauses (organisation_id, instrument) INCLUDE (lot_id);
CREATE INDEX relevance_analyses_organisation_lot ON relevance_analyses (organisation_id) INCLUDE (lot_id);
DROP INDEX relevance_analyses_org;
CREATE INDEX partnerships_organisation ON partnerships (organisation_id);
