-- Real partnerships between SIAE and contractors (seed 004, fiche 32): subcontracting and
-- co-contracting links on a lot, and the award of a reserved lot to an SIAE. They feed the
-- "place des SIAE" indicators.

CREATE TABLE partnerships (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id       uuid NOT NULL,
  contract_id           uuid NOT NULL,
  lot_id                uuid,
  siae_id               uuid NOT NULL REFERENCES siae (id),
  contractor_company_id uuid REFERENCES companies (id),
  kind                  text NOT NULL CHECK (kind IN ('sous_traitance', 'cotraitance', 'attribution')),
  amount_ht             numeric(14,2) CHECK (amount_ht >= 0),
  starts_on             date,
  ends_on               date,
  tender_id             uuid,
  created_by            uuid REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  -- A subcontractor or co-contractor works with a contractor; an award has none.
  CHECK ((kind = 'attribution') = (contractor_company_id IS NULL)),
  FOREIGN KEY (organisation_id, contract_id) REFERENCES contracts (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, contract_id, lot_id) REFERENCES lots (organisation_id, contract_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, tender_id) REFERENCES tenders (organisation_id, id)
);
CREATE INDEX partnerships_contract ON partnerships (contract_id);
CREATE INDEX partnerships_siae ON partnerships (siae_id);
SELECT enable_tenant_rls('partnerships');
