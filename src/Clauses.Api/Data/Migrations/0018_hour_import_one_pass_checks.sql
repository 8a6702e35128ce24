-- A file import's chunk is checked and rolled up in two passes over its rows instead of seven, same rules
-- (bench/RESULTS.md, sixth import run).
--
-- Each chunk of an import fired three statement triggers that each read the written rows again: the locked-statement
-- check (one pass), the reference check (four: lots, people, clauses, SIAE) and the deferred roll-up stage (two). Reading a
-- 20 000-row transition table costs ≈ 3 ms a pass, a quarter of PostgreSQL's time per imported row. While an import defers
-- its roll-ups (begin_deferred_hour_rollups), one trigger stages its inserts and updates and runs the checks on what its two
-- aggregations already hold: the per-lot grain names every lot, contract, clause, SIAE and statement month of the rows, the
-- per-person grain every person. The three other triggers stand aside in that mode only; outside it (the pane's batches,
-- corrections, erasure) they run as before, and deletes always go through them. No session can skip the checks by setting
-- the mode: without the stages begin_deferred_hour_rollups creates, the import trigger's insert into them fails, and the
-- write with it.

CREATE FUNCTION hour_records_deferred_checks() RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('clauses.rollups_deferred', true), '') = 'on'   -- never null: triggers' WHEN tests it
$$;

-- While roll-ups are deferred, the two checks' own triggers on inserts and updates stand aside, and so does the roll-up
-- trigger's (its functions unchanged): hour_records_import_write, below, does the three.
DROP TRIGGER hour_records_references_on_insert ON hour_records;
DROP TRIGGER hour_records_references_on_update ON hour_records;
DROP TRIGGER hour_records_locked_on_insert ON hour_records;
DROP TRIGGER hour_records_locked_on_update ON hour_records;
CREATE TRIGGER hour_records_references_on_insert AFTER INSERT ON hour_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_check_references();
CREATE TRIGGER hour_records_references_on_update AFTER UPDATE ON hour_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_check_references();
CREATE TRIGGER hour_records_locked_on_insert AFTER INSERT ON hour_records REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_refuse_locked();
CREATE TRIGGER hour_records_locked_on_update AFTER UPDATE ON hour_records REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_refuse_locked();

-- The deferred roll-up stage of written rows (src: hour_records' columns with hours already signed, plus "sign"), with the
-- checks of the rows written (sign +1): one aggregation per grain, then the checks on their outputs (a few rows per lot and
-- month, one per person and month). The people checked include those of an update's old rows, which are its new rows'
-- own (the person is part of the natural key). Returns one row: stage rows written, then the counts the trigger compares.
-- Referenced lots and people are locked FOR KEY SHARE, as a foreign key would.
CREATE FUNCTION hour_rollups_stage_checked_sql(src text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH d AS NOT MATERIALIZED (
      SELECT organisation_id, contract_id, date_trunc('month', period::timestamp)::date AS month, version, lot_id, clause_id,
             participant_id, modality, siae_id, hours, sign
        FROM (%s) s),
    lot_months AS MATERIALIZED (
      SELECT organisation_id, contract_id, month, version, lot_id, clause_id, modality, siae_id, sign > 0 AS written,
             sum(hours) AS hours, sum(sign) AS records
        FROM d GROUP BY organisation_id, contract_id, month, version, lot_id, clause_id, modality, siae_id, sign > 0),
    reserved_lots AS MATERIALIZED (
      SELECT lot_id FROM (SELECT DISTINCT lot_id FROM lot_months) l WHERE lot_is_reserved(lot_id)),
    person_months AS MATERIALIZED (
      SELECT organisation_id, contract_id, month, version, participant_id, lot_id IN (SELECT lot_id FROM reserved_lots) AS reserved,
             sum(hours) AS hours, sum(sign) AS records
        FROM d GROUP BY 1, 2, 3, 4, 5, 6),
    months AS (
      INSERT INTO pg_temp.hour_rollup_stage_months
      SELECT organisation_id, contract_id, month, version, lot_id, modality, siae_id, sum(hours), sum(records)
        FROM lot_months GROUP BY organisation_id, contract_id, month, version, lot_id, modality, siae_id
      RETURNING 1),
    people AS (
      INSERT INTO pg_temp.hour_rollup_stage_people
      SELECT organisation_id, contract_id, month, version, participant_id, reserved, hours, records FROM person_months
      RETURNING 1),
    lots_named AS MATERIALIZED (
      SELECT DISTINCT lot_id, contract_id, organisation_id FROM lot_months WHERE written),
    people_named AS MATERIALIZED (
      SELECT DISTINCT participant_id, organisation_id FROM person_months)
    SELECT (SELECT count(*) FROM months) + (SELECT count(*) FROM people),
           (SELECT count(*) FROM lots_named),
           (SELECT count(*) FROM (SELECT 1 FROM lots l JOIN lots_named n ON l.id = n.lot_id AND l.contract_id = n.contract_id
                                                                      AND l.organisation_id = n.organisation_id
                                   FOR KEY SHARE OF l) k),
           (SELECT count(*) FROM people_named),
           (SELECT count(*) FROM (SELECT 1 FROM participants p JOIN people_named n ON p.id = n.participant_id
                                                                                AND p.organisation_id = n.organisation_id
                                   FOR KEY SHARE OF p) k),
           EXISTS (SELECT 1 FROM (SELECT DISTINCT clause_id, organisation_id FROM lot_months WHERE written AND clause_id IS NOT NULL) n
                    WHERE NOT EXISTS (SELECT 1 FROM clauses c WHERE c.id = n.clause_id AND c.organisation_id = n.organisation_id))
             OR EXISTS (SELECT 1 FROM (SELECT DISTINCT siae_id FROM lot_months WHERE written AND siae_id IS NOT NULL) n
                         WHERE NOT EXISTS (SELECT 1 FROM siae s WHERE s.id = n.siae_id)),
           EXISTS (SELECT 1 FROM (SELECT DISTINCT contract_id, month, version FROM lot_months WHERE written) r
                     JOIN hour_statements s ON s.contract_id = r.contract_id AND s.period = r.month AND s.version = r.version
                    WHERE s.status = 'valide')
  $q$, src)
$f$;

-- An import's inserts and updates: stage and checks in one statement (the roll-up trigger keeps deletes, and everything
-- outside imports).
CREATE FUNCTION hour_records_import_write() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  -- Hours signed once here, not multiplied by their sign in each aggregation (two numeric products a row).
  keys text := 'organisation_id, contract_id, lot_id, clause_id, participant_id, modality, siae_id, period, version';
  signed text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, hours, 1 AS sign FROM new_rows', keys)
    ELSE format('SELECT %s, hours, 1 AS sign FROM new_rows UNION ALL SELECT %s, -hours, -1 AS sign FROM old_rows', keys, keys) END;
  written bigint;
  lots_wanted bigint;
  lots_found bigint;
  people_wanted bigint;
  people_found bigint;
  unknown_reference boolean;
  locked boolean;
BEGIN
  -- HoursPipeline took the organisation's turn at its first write.
  EXECUTE hour_rollups_stage_checked_sql(signed)
    INTO written, lots_wanted, lots_found, people_wanted, people_found, unknown_reference, locked;
  IF lots_wanted <> lots_found THEN
    RAISE EXCEPTION 'hour record on a lot outside its contract or organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF people_wanted <> people_found THEN
    RAISE EXCEPTION 'hour record for a participant outside its organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF unknown_reference THEN
    RAISE EXCEPTION 'hour record naming an unknown clause or SIAE' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF locked THEN
    RAISE EXCEPTION 'hours of a validated statement are locked' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER hour_records_rollups_on_insert ON hour_records;
DROP TRIGGER hour_records_rollups_on_update ON hour_records;
CREATE TRIGGER hour_records_rollups_on_insert AFTER INSERT ON hour_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_rollups_on_records();
CREATE TRIGGER hour_records_rollups_on_update AFTER UPDATE ON hour_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (NOT hour_records_deferred_checks()) EXECUTE FUNCTION hour_rollups_on_records();
CREATE TRIGGER hour_records_import_on_insert AFTER INSERT ON hour_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_import_write();
CREATE TRIGGER hour_records_import_on_update AFTER UPDATE ON hour_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (hour_records_deferred_checks()) EXECUTE FUNCTION hour_records_import_write();
