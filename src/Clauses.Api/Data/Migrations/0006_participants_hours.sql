-- Participants (people in insertion), kept apart from their identity; eligibility validations;
-- assignments to lots; hour records and monthly statements; exits and 6-month follow-up.

CREATE TABLE participants (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- Non-identifying attributes used by the indicators (% women, typology, territory).
  sex             char(1) CHECK (sex IN ('F', 'M', 'X')),
  birth_year      integer CHECK (birth_year BETWEEN 1900 AND 2100),
  departement     text,
  qpv_resident    boolean,
  education_level text CHECK (education_level IN ('infra_3', '3', '4', '5', '6_plus')),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_activity_on date,
  anonymised_at   timestamptz,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, id)
);
CREATE INDEX participants_org ON participants (organisation_id);
CREATE TRIGGER participants_version BEFORE UPDATE ON participants FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('participants');

-- Identity: readable only by the organisation's facilitators; removed by anonymisation.
CREATE TABLE participant_identities (
  participant_id    uuid PRIMARY KEY,
  organisation_id   uuid NOT NULL,
  last_name         text NOT NULL CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
  first_name        text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  birth_date        date NOT NULL,
  email             text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  phone             text CHECK (length(phone) <= 30),
  address           text CHECK (length(address) <= 300),
  postcode          text CHECK (postcode ~ '^[0-9]{5}$'),
  city              text CHECK (length(city) <= 100),
  france_travail_id text CHECK (length(france_travail_id) <= 20),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organisation_id, participant_id) REFERENCES participants (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX participant_identities_name ON participant_identities (organisation_id, lower(last_name), lower(first_name));
SELECT enable_tenant_rls('participant_identities');
CREATE POLICY facilitators_only ON participant_identities AS RESTRICTIVE
  USING (organisation_id = ANY ((SELECT app_facilitator_org_ids())::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_facilitator_org_ids())::uuid[]));

-- A person counts only with a recorded validation: criterion or a named prescriber's avis motivé.
CREATE TABLE eligibility_validations (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL,
  participant_id     uuid NOT NULL,
  criteria           text[] NOT NULL CHECK (cardinality(criteria) > 0 AND criteria <@ ARRAY[
                       'deld', 'detld', 'rsa', 'ass', 'aah', 'ata', 'rqth', 'jeune_sans_qualification', 'senior_50',
                       'parcours_iae', 'pass_iae', 'residant_qpv', 'refugie', 'sortant_ase', 'main_justice',
                       'epide_e2c', 'avis_prescripteur']::text[]),
  basis              text NOT NULL CHECK (basis IN ('critere', 'avis_prescripteur')),
  prescriber_kind    text CHECK (prescriber_kind IN ('france_travail', 'mission_locale', 'cap_emploi', 'plie',
                                                     'referent_rsa', 'mdph', 'siae', 'autre')),
  prescriber_name    text CHECK (length(prescriber_name) <= 200),
  evidence_reference text CHECK (length(evidence_reference) <= 200),
  validated_on       date NOT NULL,
  valid_until        date NOT NULL,
  validated_by       uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until > validated_on),
  CHECK (basis <> 'avis_prescripteur' OR (prescriber_kind IS NOT NULL AND prescriber_name IS NOT NULL)),
  FOREIGN KEY (organisation_id, participant_id) REFERENCES participants (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX eligibility_validations_participant ON eligibility_validations (participant_id, validated_on);
SELECT enable_tenant_rls('eligibility_validations');
CREATE POLICY facilitators_only ON eligibility_validations AS RESTRICTIVE
  USING (organisation_id = ANY ((SELECT app_facilitator_org_ids())::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_facilitator_org_ids())::uuid[]));

CREATE TABLE assignments (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL,
  participant_id      uuid NOT NULL,
  lot_id              uuid NOT NULL,
  clause_id           uuid,
  employer_siret      char(14) NOT NULL CHECK (employer_siret ~ '^[0-9]{14}$'),
  siae_id             uuid REFERENCES siae (id),
  modality            text NOT NULL CHECK (modality IN ('embauche_directe', 'interim_etti', 'interim_ett', 'mise_a_disposition_ai',
                        'geiq', 'entreprise_adaptee', 'sous_traitance_siae', 'cotraitance_siae', 'formation')),
  employment_contract text CHECK (employment_contract IN ('cdi', 'cdd', 'apprentissage', 'professionnalisation', 'contrat_aide',
                        'interim', 'mise_a_disposition', 'sous_traitance', 'formation')),
  job_title           text CHECK (length(job_title) <= 200),
  starts_on           date NOT NULL,
  ends_on             date,
  created_by          uuid REFERENCES users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, participant_id) REFERENCES participants (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, lot_id) REFERENCES lots (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, clause_id) REFERENCES clauses (organisation_id, id)
);
CREATE INDEX assignments_participant ON assignments (participant_id);
CREATE INDEX assignments_lot ON assignments (lot_id);
CREATE TRIGGER assignments_version BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('assignments');

-- A facilitator validates a contract's month; a validated statement is locked and a correction
-- is a new version, never a silent edit.
CREATE TABLE hour_statements (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL,
  contract_id     uuid NOT NULL,
  period          date NOT NULL CHECK (extract(day FROM period) = 1),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status          text NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'valide')),
  validated_by    uuid REFERENCES users (id),
  validated_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'valide') = (validated_at IS NOT NULL)),
  UNIQUE (contract_id, period, version),
  UNIQUE (organisation_id, id),
  UNIQUE (organisation_id, contract_id, id),
  FOREIGN KEY (organisation_id, contract_id) REFERENCES contracts (organisation_id, id) ON DELETE CASCADE
);
SELECT enable_tenant_rls('hour_statements');

-- Hour records are the one high-volume table (about 20 M rows for ten years of national data) and
-- arrive by whole files. Per-row foreign-key triggers would cost more than the rest of an import
-- (a 200 000-row merge here: 3.5 s with them, 1.9 s without), so references are checked set-based,
-- once per statement, by the triggers below (with the same FOR KEY SHARE locks a foreign key takes),
-- and deletions of participants and lots cascade through triggers on those tables.
CREATE TABLE hour_records (
  organisation_id    uuid NOT NULL,
  contract_id        uuid NOT NULL,
  lot_id             uuid NOT NULL,
  -- Set when the hours count for another lot's clause under a pooling agreement (R21).
  clause_id          uuid,
  participant_id     uuid NOT NULL,
  -- Checked without regex repetition counts ({14}), which PostgreSQL evaluates slowly on every imported row.
  employer_siret     char(14) NOT NULL CHECK (length(employer_siret) = 14 AND employer_siret !~ '[^0-9]'),
  siae_id            uuid,
  modality           text NOT NULL CHECK (modality IN ('embauche_directe', 'interim_etti', 'interim_ett', 'mise_a_disposition_ai',
                       'geiq', 'entreprise_adaptee', 'sous_traitance_siae', 'cotraitance_siae', 'formation')),
  period             date NOT NULL,
  period_kind        text NOT NULL DEFAULT 'mois' CHECK (period_kind IN ('semaine', 'mois', 'trimestre')),
  -- The version of the contract's statement for the period's month the record belongs to.
  version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  hours              numeric(10,2) NOT NULL CHECK (hours >= 0),
  counting_method    text NOT NULL DEFAULT 'heures_attestees' CHECK (counting_method IN ('heures_attestees', 'conversion_montant')),
  invoiced_amount_ht numeric(14,2) CHECK (invoiced_amount_ht >= 0),
  evidence_reference text CHECK (length(evidence_reference) <= 200),
  source             text NOT NULL CHECK (source IN ('excel', 'api', 'saisie')),
  file_hash          text CHECK (length(file_hash) = 64 AND file_hash !~ '[^0-9a-f]'),
  declared_by        uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  -- Code du travail L3121-20: at most 48 h in a week; a month is 48 × 52 ÷ 12 = 208 h, a quarter 624 h.
  CHECK (hours <= CASE period_kind WHEN 'semaine' THEN 48 WHEN 'mois' THEN 208 ELSE 624 END),
  CHECK (CASE period_kind
           WHEN 'semaine' THEN extract(isodow FROM period) = 1
           WHEN 'mois' THEN extract(day FROM period) = 1
           ELSE extract(day FROM period) = 1 AND extract(month FROM period) IN (1, 4, 7, 10) END),
  CHECK (counting_method <> 'conversion_montant' OR invoiced_amount_ht IS NOT NULL),
  -- Re-sending a record replaces it: one row per person, lot, period, modality and version. The person
  -- comes first so the key also serves a participant's records (export, erasure) without another index:
  -- each index costs every imported row (bench/RESULTS.md).
  CONSTRAINT hour_records_natural_key PRIMARY KEY (participant_id, lot_id, period, modality, version)
) WITH (fillfactor = 90);   -- room on each page for HOT updates when a file is sent again
-- Everything else reads an organisation's months (statements, fulfilment, and the roll-ups of the dashboards).
CREATE INDEX hour_records_org_period ON hour_records (organisation_id, period);
SELECT enable_tenant_rls('hour_records');

-- Set-based referential checks: every inserted or updated row must name a lot of its contract and a
-- participant of its organisation (and an SIAE and clause that exist). The referenced rows are locked
-- FOR KEY SHARE, as a foreign key would, so they cannot vanish before the transaction commits.
CREATE FUNCTION hour_records_check_references() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM lots l WHERE l.id IN (SELECT DISTINCT lot_id FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM participants p WHERE p.id IN (SELECT DISTINCT participant_id FROM new_rows) FOR KEY SHARE;
  IF EXISTS (SELECT 1 FROM new_rows n
              WHERE NOT EXISTS (SELECT 1 FROM lots l
                                 WHERE l.id = n.lot_id AND l.contract_id = n.contract_id AND l.organisation_id = n.organisation_id)) THEN
    RAISE EXCEPTION 'hour record on a lot outside its contract or organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n
              WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = n.participant_id AND p.organisation_id = n.organisation_id)) THEN
    RAISE EXCEPTION 'hour record for a participant outside its organisation' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n WHERE n.clause_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM clauses c WHERE c.id = n.clause_id AND c.organisation_id = n.organisation_id))
     OR EXISTS (SELECT 1 FROM new_rows n WHERE n.siae_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM siae s WHERE s.id = n.siae_id)) THEN
    RAISE EXCEPTION 'hour record naming an unknown clause or SIAE' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER hour_records_references_on_insert AFTER INSERT ON hour_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_check_references();
CREATE TRIGGER hour_records_references_on_update AFTER UPDATE ON hour_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_check_references();

CREATE FUNCTION delete_hour_records_of_participant() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hour_records WHERE participant_id = OLD.id;
  RETURN OLD;
END
$$;
CREATE TRIGGER participants_cascade_hours BEFORE DELETE ON participants
  FOR EACH ROW EXECUTE FUNCTION delete_hour_records_of_participant();

CREATE FUNCTION delete_hour_records_of_lot() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM hour_records WHERE organisation_id = OLD.organisation_id AND lot_id = OLD.id;
  RETURN OLD;
END
$$;
CREATE TRIGGER lots_cascade_hours BEFORE DELETE ON lots
  FOR EACH ROW EXECUTE FUNCTION delete_hour_records_of_lot();
-- A validated statement is locked (DOMAIN §5): no hour of its contract, month and version may be
-- added, changed or removed; a correction is a new version. Checked once per statement, set-based.
CREATE FUNCTION hour_records_refuse_locked() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows r
               JOIN hour_statements s ON s.contract_id = r.contract_id AND s.period = date_trunc('month', r.period)::date
                                     AND s.version = r.version
              WHERE s.status = 'valide') THEN
    RAISE EXCEPTION 'hours of a validated statement are locked' USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER hour_records_locked_on_insert AFTER INSERT ON hour_records
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_refuse_locked();
CREATE TRIGGER hour_records_locked_on_update AFTER UPDATE ON hour_records
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_refuse_locked();
CREATE TRIGGER hour_records_locked_on_delete AFTER DELETE ON hour_records
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_refuse_locked();

CREATE TABLE exits (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL,
  participant_id    uuid NOT NULL,
  exited_on         date NOT NULL,
  outcome           text NOT NULL CHECK (outcome IN ('cdi', 'cdd_6_mois_plus', 'cdd_moins_6_mois', 'interim', 'formation_qualifiante',
                      'creation_entreprise', 'demandeur_emploi', 'inactif', 'inconnu')),
  follow_up_due_on  date NOT NULL,
  follow_up_on      date,
  follow_up_outcome text CHECK (follow_up_outcome IN ('cdi', 'cdd_6_mois_plus', 'cdd_moins_6_mois', 'interim', 'formation_qualifiante',
                      'creation_entreprise', 'demandeur_emploi', 'inactif', 'inconnu')),
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (follow_up_due_on > exited_on),
  CHECK (follow_up_on IS NULL OR follow_up_on >= exited_on),
  CHECK ((follow_up_on IS NULL) = (follow_up_outcome IS NULL)),
  UNIQUE (participant_id, exited_on),
  FOREIGN KEY (organisation_id, participant_id) REFERENCES participants (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX exits_org_date ON exits (organisation_id, exited_on);
SELECT enable_tenant_rls('exits');
