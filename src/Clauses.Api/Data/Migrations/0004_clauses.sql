-- Clauses: the instrument put on a lot, its sizing inputs and outputs, and the wording version
-- inserted in the buyer's document. Wordings are versioned; old versions stay readable.

CREATE TABLE wordings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL: the national library shipped with Clauses; otherwise an organisation's own version.
  organisation_id uuid REFERENCES organisations (id),
  code            text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,60}$'),
  instrument      text NOT NULL CHECK (instrument IN ('clause_execution', 'critere_attribution', 'reserve_l2113_12',
                    'reserve_l2113_13', 'reserve_l2113_13_1', 'reserve_l2113_15', 'marche_insertion', 'clause_alternative')),
  version         integer NOT NULL CHECK (version >= 1),
  title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  legal_basis     text NOT NULL,
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (organisation_id, code, version)
);
ALTER TABLE wordings ENABLE ROW LEVEL SECURITY;
CREATE POLICY wordings_read ON wordings FOR SELECT
  USING (organisation_id IS NULL OR organisation_id = ANY ((SELECT app_org_ids())::uuid[]));
CREATE POLICY wordings_write ON wordings FOR INSERT
  WITH CHECK (organisation_id = ANY ((SELECT app_org_ids())::uuid[]));

-- An organisation's own labour shares per trade, overriding the shipped table.
CREATE TABLE labour_share_overrides (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  trade           text NOT NULL CHECK (trade ~ '^[a-z0-9_]{1,60}$'),
  share           numeric(5,4) NOT NULL CHECK (share > 0 AND share <= 1),
  source          text CHECK (length(source) <= 500),
  updated_by      uuid REFERENCES users (id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, trade)
);
SELECT enable_tenant_rls('labour_share_overrides');

-- A declared pooling ("globalisation") agreement lets hours on one lot count for another.
CREATE TABLE pooling_agreements (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id)
);
SELECT enable_tenant_rls('pooling_agreements');

CREATE TABLE clauses (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id      uuid NOT NULL,
  lot_id               uuid NOT NULL,
  instrument           text NOT NULL CHECK (instrument IN ('clause_execution', 'critere_attribution', 'reserve_l2113_12',
                         'reserve_l2113_13', 'reserve_l2113_13_1', 'reserve_l2113_15', 'marche_insertion', 'clause_alternative')),
  sizing_mode          text CHECK (sizing_mode IN ('heures_fixes', 'pourcentage_heures')),
  amount_ht            numeric(14,2) CHECK (amount_ht >= 0),
  labour_share         numeric(5,4) CHECK (labour_share > 0 AND labour_share <= 1),
  labour_share_source  text CHECK (labour_share_source IN ('table_sourcee', 'table_a_valider', 'organisation', 'saisie')),
  insertion_rate       numeric(5,4) CHECK (insertion_rate > 0 AND insertion_rate <= 1),
  hourly_cost          numeric(8,2) CHECK (hourly_cost > 0),
  rounding_mode        text NOT NULL DEFAULT 'demi_superieur' CHECK (rounding_mode IN ('demi_superieur', 'superieur', 'inferieur')),
  target_hours         numeric(10,2) CHECK (target_hours >= 0),
  preset               text CHECK (preset IN ('anru_npnru', 'anru_gup', 'outre_mer_l2691_1')),
  award_weight         numeric(5,2) CHECK (award_weight > 0 AND award_weight <= 100),
  penalty_per_hour     numeric(10,2) CHECK (penalty_per_hour >= 0),
  penalty_cap          numeric(14,2) CHECK (penalty_cap >= 0),
  eligible_criteria    text[] NOT NULL DEFAULT '{}' CHECK (eligible_criteria <@ ARRAY[
                         'deld', 'detld', 'rsa', 'ass', 'aah', 'ata', 'rqth', 'jeune_sans_qualification', 'senior_50',
                         'parcours_iae', 'pass_iae', 'residant_qpv', 'refugie', 'sortant_ase', 'main_justice',
                         'epide_e2c', 'avis_prescripteur']::text[]),
  allowed_modalities   text[] NOT NULL DEFAULT '{}' CHECK (allowed_modalities <@ ARRAY[
                         'embauche_directe', 'interim_etti', 'interim_ett', 'mise_a_disposition_ai', 'geiq',
                         'entreprise_adaptee', 'sous_traitance_siae', 'cotraitance_siae', 'formation']::text[]),
  facilitator_user_id  uuid REFERENCES users (id),
  reporting_frequency  text CHECK (reporting_frequency IN ('mensuelle', 'trimestrielle', 'semestrielle')),
  pooling_agreement_id uuid,
  wording_id           uuid REFERENCES wordings (id),
  wording_version      integer,
  warnings             text[] NOT NULL DEFAULT '{}',
  created_by           uuid REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  -- CCAG 2021 (e.g. CCAG-TIC art. 16.1): an insertion clause states its hourly volume. (A marché
  -- d'insertion is not sized this way: the whole contract is the insertion action, R14.)
  CHECK (instrument <> 'clause_execution'
         OR target_hours IS NOT NULL OR (sizing_mode = 'pourcentage_heures' AND insertion_rate IS NOT NULL)),
  CHECK (instrument <> 'critere_attribution' OR award_weight IS NOT NULL),
  UNIQUE (lot_id, instrument),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, lot_id) REFERENCES lots (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, pooling_agreement_id) REFERENCES pooling_agreements (organisation_id, id)
);
CREATE INDEX clauses_org ON clauses (organisation_id, instrument);
CREATE TRIGGER clauses_version BEFORE UPDATE ON clauses FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('clauses');
