-- SIAE directory (public national data, imported from Le Marché de l'inclusion or entered by hand)
-- and the reserved tenders buyers publish to them (L2113-12, L2113-13, L2113-13-1, L2113-15).

CREATE TABLE siae (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  siret                   char(14) NOT NULL UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
  name                    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  brand                   text,
  kind                    text NOT NULL CHECK (kind IN ('EI', 'ETTI', 'AI', 'ACI', 'EITI', 'GEIQ', 'EA', 'EATT', 'ESAT')),
  sectors                 text[] NOT NULL DEFAULT '{}',
  departements            text[] NOT NULL DEFAULT '{}',
  city                    text,
  postcode                text CHECK (postcode ~ '^[0-9]{5}$'),
  latitude                numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
  longitude               numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
  radius_km               integer CHECK (radius_km BETWEEN 0 AND 1000),
  contact_email           text CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$'),
  contact_phone           text,
  website                 text,
  source                  text NOT NULL CHECK (source IN ('marche_inclusion', 'saisie')),
  external_id             text,
  -- The SIAE's own organisation in Clauses, whose users (role siae) act for it.
  account_organisation_id uuid REFERENCES organisations (id),
  imported_at             timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  version                 integer NOT NULL DEFAULT 1
);
CREATE INDEX siae_kind ON siae (kind);
CREATE INDEX siae_sectors ON siae USING gin (sectors);
CREATE INDEX siae_departements ON siae USING gin (departements);
CREATE INDEX siae_name_trgm ON siae USING gin (name gin_trgm_ops);
CREATE INDEX siae_account ON siae (account_organisation_id) WHERE account_organisation_id IS NOT NULL;
CREATE TRIGGER siae_version BEFORE UPDATE ON siae FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE tenders (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL,
  contract_id     uuid NOT NULL,
  lot_id          uuid,
  -- The notice is public: what it shows of the buyer and the contract is copied onto it, since
  -- SIAE readers cannot see the buyer's own rows.
  buyer_name         text NOT NULL CHECK (length(btrim(buyer_name)) BETWEEN 1 AND 200),
  contract_reference text NOT NULL,
  lot_number         integer,
  title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  description     text CHECK (length(description) <= 10000),
  reservation     text NOT NULL CHECK (reservation IN ('reserve_l2113_12', 'reserve_l2113_13', 'reserve_l2113_13_1', 'reserve_l2113_15')),
  sectors         text[] NOT NULL DEFAULT '{}',
  departements    text[] NOT NULL DEFAULT '{}',
  amount_ht       numeric(14,2) CHECK (amount_ht >= 0),
  summary         text CHECK (length(summary) <= 2000),
  documents_url   text CHECK (documents_url ~ '^https?://' AND length(documents_url) <= 500),
  deadline_at     timestamptz NOT NULL,
  -- brouillon → publie → clos → attribue; annule from brouillon or publie.
  status          text NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'publie', 'clos', 'attribue', 'annule')),
  published_at    timestamptz,
  closed_at       timestamptz,
  awarded_siae_id uuid REFERENCES siae (id),
  awarded_at      timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (status = 'brouillon' OR status = 'annule' OR published_at IS NOT NULL),
  CHECK (status <> 'attribue' OR (awarded_siae_id IS NOT NULL AND awarded_at IS NOT NULL)),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, contract_id) REFERENCES contracts (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, contract_id, lot_id) REFERENCES lots (organisation_id, contract_id, id) ON DELETE CASCADE
);
CREATE INDEX tenders_published ON tenders (deadline_at) WHERE status = 'publie';
CREATE INDEX tenders_sectors ON tenders USING gin (sectors);
CREATE INDEX tenders_org ON tenders (organisation_id, created_at DESC);
CREATE TRIGGER tenders_version BEFORE UPDATE ON tenders FOR EACH ROW EXECUTE FUNCTION bump_version();
ALTER TABLE tenders ENABLE ROW LEVEL SECURITY;
-- Published tenders are public notices: every signed-in SIAE may read them.
CREATE POLICY tenders_read ON tenders FOR SELECT
  USING (organisation_id = ANY ((SELECT app_org_ids())::uuid[]) OR status IN ('publie', 'clos', 'attribue'));
CREATE POLICY tenders_write ON tenders FOR ALL
  USING (organisation_id = ANY ((SELECT app_org_ids())::uuid[]))
  WITH CHECK (organisation_id = ANY ((SELECT app_org_ids())::uuid[]));

-- An SIAE marks interest in a published tender.
CREATE TABLE tender_interests (
  tender_id       uuid NOT NULL,
  siae_id         uuid NOT NULL REFERENCES siae (id) ON DELETE CASCADE,
  -- The buyer's organisation (the tender's), so the buyer sees who is interested.
  organisation_id uuid NOT NULL,
  user_id         uuid REFERENCES users (id),
  -- An SIAE says it is interested, or that it is not (then the buyer knows not to wait for it).
  interested      boolean NOT NULL DEFAULT true,
  message         text CHECK (length(message) <= 2000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tender_id, siae_id),
  FOREIGN KEY (organisation_id, tender_id) REFERENCES tenders (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX tender_interests_siae ON tender_interests (siae_id);
ALTER TABLE tender_interests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tender_interests_access ON tender_interests FOR ALL
  USING (organisation_id = ANY ((SELECT app_org_ids())::uuid[])
         OR EXISTS (SELECT 1 FROM siae s WHERE s.id = siae_id AND s.account_organisation_id = ANY ((SELECT app_org_ids())::uuid[])))
  WITH CHECK (EXISTS (SELECT 1 FROM siae s WHERE s.id = siae_id AND s.account_organisation_id = ANY ((SELECT app_org_ids())::uuid[])));
