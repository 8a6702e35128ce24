-- A statement that arrives after its month's rows (rows stored before statements existed, or loaded in that order) changes
-- which rows count. Before it, the month counted either every row (no statement yet) or the rows of the previous latest
-- version; after it, only the rows of its own version, if it is the latest. The first version of this trigger (0013)
-- assumed a month without statement held a single version, so rows of several versions stored first were counted twice.
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
