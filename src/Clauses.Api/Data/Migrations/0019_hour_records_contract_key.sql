-- The natural key is led by contract and period, and serves the reads by contract and month that the
-- (organisation_id, period) index served: one index fewer for every written row (bench/RESULTS.md, seventh import run).
--
-- Same rule: one row per person, lot, period, modality and version. A lot belongs to one contract (the reference checks
-- refuse a row whose contract is not its lot's, and a lot never changes contract, below), so adding the contract to the
-- key adds no room for a second copy. An import's chunk (one month, a few lots) now writes into a few runs of the key,
-- where the person-first key took each row to another place in the index. What it costs: a person's hours have no index
-- of their own any more; the rare reads by person (export, erasure, the cascades below) go through the person's
-- organisation's contracts, reading that organisation's part of the key (45–60 ms for a million records), never another
-- organisation's.

ALTER TABLE hour_records
  DROP CONSTRAINT hour_records_natural_key,
  ADD CONSTRAINT hour_records_natural_key PRIMARY KEY (contract_id, period, lot_id, participant_id, modality, version);
DROP INDEX hour_records_org_period;

CREATE FUNCTION refuse_lot_move() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a lot stays in its contract and organisation' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER lots_stay_in_contract BEFORE UPDATE OF contract_id, organisation_id ON lots
  FOR EACH ROW WHEN (NEW.contract_id IS DISTINCT FROM OLD.contract_id OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id)
  EXECUTE FUNCTION refuse_lot_move();

CREATE OR REPLACE FUNCTION delete_hour_records_of_participant() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hour_records
   WHERE contract_id IN (SELECT id FROM contracts WHERE organisation_id = OLD.organisation_id) AND participant_id = OLD.id;
  RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION delete_hour_records_of_lot() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hour_records WHERE contract_id = OLD.contract_id AND lot_id = OLD.id AND organisation_id = OLD.organisation_id;
  RETURN OLD;
END
$$;

-- An import checks and locks each person once per transaction, not once per chunk: the people it has found in their
-- organisation and locked FOR KEY SHARE (held until the end of the transaction) are kept in a temporary table that goes
-- with the transaction (0016's stages too), so later chunks check only people they are the first to name. Each chunk
-- read the organisation's whole participants table to check its people again (≈ 3.5 ms a 20 000-row chunk of 5 000
-- people; a seq scan of every participant of a large organisation).
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
  CREATE TEMP TABLE IF NOT EXISTS hour_import_people_checked (
    participant_id uuid, organisation_id uuid, PRIMARY KEY (participant_id, organisation_id)
  ) ON COMMIT DROP;
  PERFORM set_config('clauses.rollups_deferred', 'on', true);
END
$$;

-- As in 0018, with the rows grouped by period instead of month (the same groups for monthly rows) and the month then taken
-- once per group rather than twice per row. The stages may hold several rows of one month (weekly periods, the clause or
-- the written sign apart): flush_deferred_hour_rollups sums them.
CREATE OR REPLACE FUNCTION hour_rollups_stage_checked_sql(src text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH d AS NOT MATERIALIZED (
      SELECT organisation_id, contract_id, period, version, lot_id, clause_id, participant_id, modality, siae_id, hours, sign
        FROM (%s) s),
    lot_periods AS MATERIALIZED (
      SELECT organisation_id, contract_id, period, version, lot_id, clause_id, modality, siae_id, sign > 0 AS written,
             sum(hours) AS hours, sum(sign) AS records
        FROM d GROUP BY organisation_id, contract_id, period, version, lot_id, clause_id, modality, siae_id, sign > 0),
    lot_months AS MATERIALIZED (
      SELECT organisation_id, contract_id, date_trunc('month', period::timestamp)::date AS month, version, lot_id, clause_id,
             modality, siae_id, written, hours, records
        FROM lot_periods),
    reserved_lots AS MATERIALIZED (
      SELECT lot_id FROM (SELECT DISTINCT lot_id FROM lot_months) l WHERE lot_is_reserved(lot_id)),
    person_periods AS MATERIALIZED (
      SELECT organisation_id, contract_id, period, version, participant_id, lot_id IN (SELECT lot_id FROM reserved_lots) AS reserved,
             sum(hours) AS hours, sum(sign) AS records
        FROM d GROUP BY 1, 2, 3, 4, 5, 6),
    months AS (
      INSERT INTO pg_temp.hour_rollup_stage_months
      SELECT organisation_id, contract_id, month, version, lot_id, modality, siae_id, hours, records FROM lot_months
      RETURNING 1),
    people AS (
      INSERT INTO pg_temp.hour_rollup_stage_people
      SELECT organisation_id, contract_id, date_trunc('month', period::timestamp)::date, version, participant_id, reserved, hours, records
        FROM person_periods
      RETURNING 1),
    lots_named AS MATERIALIZED (
      SELECT DISTINCT lot_id, contract_id, organisation_id FROM lot_months WHERE written),
    people_new AS MATERIALIZED (
      SELECT n.participant_id, n.organisation_id
        FROM (SELECT DISTINCT participant_id, organisation_id FROM person_periods) n
       WHERE NOT EXISTS (SELECT 1 FROM pg_temp.hour_import_people_checked c
                          WHERE c.participant_id = n.participant_id AND c.organisation_id = n.organisation_id)),
    people_locked AS MATERIALIZED (
      SELECT p.id, p.organisation_id FROM participants p JOIN people_new n ON p.id = n.participant_id AND p.organisation_id = n.organisation_id
         FOR KEY SHARE OF p),
    people_kept AS (
      INSERT INTO pg_temp.hour_import_people_checked SELECT id, organisation_id FROM people_locked RETURNING 1)
    SELECT (SELECT count(*) FROM months) + (SELECT count(*) FROM people),
           (SELECT count(*) FROM lots_named),
           (SELECT count(*) FROM (SELECT 1 FROM lots l JOIN lots_named n ON l.id = n.lot_id AND l.contract_id = n.contract_id
                                                                      AND l.organisation_id = n.organisation_id
                                   FOR KEY SHARE OF l) k),
           (SELECT count(*) FROM people_new),
           (SELECT count(*) FROM people_kept),
           EXISTS (SELECT 1 FROM (SELECT DISTINCT clause_id, organisation_id FROM lot_months WHERE written AND clause_id IS NOT NULL) n
                    WHERE NOT EXISTS (SELECT 1 FROM clauses c WHERE c.id = n.clause_id AND c.organisation_id = n.organisation_id))
             OR EXISTS (SELECT 1 FROM (SELECT DISTINCT siae_id FROM lot_months WHERE written AND siae_id IS NOT NULL) n
                         WHERE NOT EXISTS (SELECT 1 FROM siae s WHERE s.id = n.siae_id)),
           EXISTS (SELECT 1 FROM (SELECT DISTINCT contract_id, month, version FROM lot_months WHERE written) r
                     JOIN hour_statements s ON s.contract_id = r.contract_id AND s.period = r.month AND s.version = r.version
                    WHERE s.status = 'valide')
  $q$, src)
$f$;
