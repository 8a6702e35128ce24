-- Contracts (marchés, accords-cadres, concessions, conditional subsidies), their lots, the
-- companies that win them, and the relevance analysis every lot gets (seed 004, fiche 31).
-- Composite foreign keys (organisation_id, id) keep every child in its parent's organisation.

-- Public registry data (SIRET, name): shared by all organisations, no tenant data.
CREATE TABLE companies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  siret       char(14) NOT NULL UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  naf_code    text CHECK (naf_code ~ '^[0-9]{2}\.[0-9]{2}[A-Z]$'),
  departement text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_name_trgm ON companies USING gin (name gin_trgm_ops);

CREATE TABLE contracts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  reference       text NOT NULL CHECK (length(btrim(reference)) BETWEEN 1 AND 50),
  title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  kind            text NOT NULL CHECK (kind IN ('marche', 'accord_cadre', 'concession', 'subvention')),
  category        text NOT NULL CHECK (category IN ('travaux', 'services', 'fournitures')),
  status          text NOT NULL DEFAULT 'en_preparation'
                  CHECK (status IN ('en_preparation', 'en_consultation', 'attribue', 'en_execution', 'termine', 'abandonne')),
  cpv_code        text CHECK (cpv_code ~ '^[0-9]{8}-[0-9]$'),
  amount_ht       numeric(14,2) NOT NULL CHECK (amount_ht >= 0),
  notified_on     date,
  starts_on       date,
  ends_on         date,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  UNIQUE (organisation_id, reference),
  UNIQUE (organisation_id, id)
);
CREATE INDEX contracts_org_created ON contracts (organisation_id, created_at DESC, id);
CREATE INDEX contracts_org_status ON contracts (organisation_id, status);
CREATE INDEX contracts_search_trgm ON contracts USING gin ((reference || ' ' || title) gin_trgm_ops);
CREATE TRIGGER contracts_version BEFORE UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('contracts');

CREATE TABLE lots (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id       uuid NOT NULL,
  contract_id           uuid NOT NULL,
  number                integer NOT NULL CHECK (number BETWEEN 1 AND 999),
  title                 text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  -- Trade code of the labour-share table (peinture_interieure, maconnerie, ...).
  trade                 text CHECK (trade ~ '^[a-z0-9_]{1,60}$'),
  cpv_code              text CHECK (cpv_code ~ '^[0-9]{8}-[0-9]$'),
  amount_ht             numeric(14,2) NOT NULL CHECK (amount_ht >= 0),
  contractor_company_id uuid REFERENCES companies (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  UNIQUE (contract_id, number),
  UNIQUE (organisation_id, id),
  -- Lets children that name both the contract and the lot check that the lot belongs to that contract.
  UNIQUE (organisation_id, contract_id, id),
  FOREIGN KEY (organisation_id, contract_id) REFERENCES contracts (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX lots_contractor ON lots (contractor_company_id) WHERE contractor_company_id IS NOT NULL;
CREATE TRIGGER lots_version BEFORE UPDATE ON lots FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('lots');

-- Every lot gets an outcome, whatever its size: instruments chosen, or "not relevant" with a reason.
CREATE TABLE relevance_analyses (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id       uuid NOT NULL,
  lot_id                uuid NOT NULL,
  outcome               text NOT NULL CHECK (outcome IN ('pertinent', 'non_pertinent')),
  instruments           text[] NOT NULL DEFAULT '{}' CHECK (instruments <@ ARRAY[
                          'clause_execution', 'critere_attribution', 'reserve_l2113_12', 'reserve_l2113_13',
                          'reserve_l2113_13_1', 'reserve_l2113_15', 'marche_insertion', 'clause_alternative']::text[]),
  reason                text CHECK (reason IN ('montant_faible', 'duree_courte', 'main_oeuvre_faible', 'prestation_specialisee',
                                               'urgence', 'absence_offre_insertion', 'autre')),
  comment               text CHECK (length(comment) <= 2000),
  -- Loi Climat art. 35 (from 2026-08-22): above EU thresholds a social consideration is required unless excepted.
  loi_climat_applies    boolean NOT NULL DEFAULT false,
  loi_climat_exception  text CHECK (length(loi_climat_exception) <= 500),
  analysed_by           uuid REFERENCES users (id),
  analysed_at           timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'pertinent' AND cardinality(instruments) > 0 AND reason IS NULL)
      OR (outcome = 'non_pertinent' AND cardinality(instruments) = 0 AND reason IS NOT NULL)),
  UNIQUE (lot_id),
  FOREIGN KEY (organisation_id, lot_id) REFERENCES lots (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX relevance_analyses_org ON relevance_analyses (organisation_id);
CREATE TRIGGER relevance_analyses_version BEFORE UPDATE ON relevance_analyses FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('relevance_analyses');
