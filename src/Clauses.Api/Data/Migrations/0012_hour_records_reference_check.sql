-- The set-based reference check of hour_records, cheaper per imported row: each check first reduces the rows to the
-- distinct keys they name (a file names a few lots and a few thousand people over up to a million rows), then probes
-- lots and participants once per key instead of once per row (bench/RESULTS.md).
CREATE OR REPLACE FUNCTION hour_records_check_references() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM lots l WHERE l.id IN (SELECT DISTINCT lot_id FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM participants p WHERE p.id IN (SELECT DISTINCT participant_id FROM new_rows) FOR KEY SHARE;
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT lot_id, contract_id, organisation_id FROM new_rows) n
              WHERE NOT EXISTS (SELECT 1 FROM lots l
                                 WHERE l.id = n.lot_id AND l.contract_id = n.contract_id AND l.organisation_id = n.organisation_id)) THEN
    RAISE EXCEPTION 'hour record on a lot outside its contract or organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT participant_id, organisation_id FROM new_rows) n
              WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = n.participant_id AND p.organisation_id = n.organisation_id)) THEN
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
