-- SPAR targets set by directors, the audit log of sensitive reads and writes, and the queues
-- (jobs for long imports, outbox for mail) that workers take with FOR UPDATE SKIP LOCKED.

CREATE TABLE spar_targets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  year            integer NOT NULL CHECK (year BETWEEN 2015 AND 2100),
  indicator       text NOT NULL CHECK (indicator IN ('heures_insertion', 'heures_marches_reserves', 'participants',
                    'part_femmes', 'part_rsa', 'taux_sorties_emploi', 'contrats_analyses', 'part_contrats_consideration_sociale',
                    'marches_reserves_nombre', 'marches_reserves_montant', 'partenariats_siae')),
  target_value    numeric(14,2) NOT NULL CHECK (target_value >= 0),
  unit            text NOT NULL CHECK (unit IN ('heures', 'pourcentage', 'nombre', 'euros')),
  CHECK (unit <> 'pourcentage' OR target_value <= 100),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, year, indicator)
);
CREATE TRIGGER spar_targets_version BEFORE UPDATE ON spar_targets FOR EACH ROW EXECUTE FUNCTION bump_version();
SELECT enable_tenant_rls('spar_targets');

CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id         uuid REFERENCES users (id),
  action          text NOT NULL CHECK (action ~ '^[a-z_.]{1,60}$'),
  entity          text NOT NULL CHECK (entity ~ '^[a-z_]{1,60}$'),
  entity_id       text,
  at              timestamptz NOT NULL DEFAULT now(),
  details         jsonb
);
CREATE INDEX audit_log_org_at ON audit_log (organisation_id, at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
SELECT enable_tenant_rls('audit_log');
-- Append-only for the API.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM clauses_app;

CREATE TABLE jobs (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind            text NOT NULL CHECK (kind ~ '^[a-z_]{1,60}$'),
  status          text NOT NULL DEFAULT 'en_attente' CHECK (status IN ('en_attente', 'en_cours', 'termine', 'echoue')),
  progress        integer NOT NULL DEFAULT 0 CHECK (progress >= 0),
  total           integer CHECK (total >= 0),
  payload         jsonb,
  result          jsonb,
  error           text,
  attempts        integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE INDEX jobs_pending ON jobs (created_at) WHERE status IN ('en_attente', 'en_cours');
SELECT enable_tenant_rls('jobs');

CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind            text NOT NULL CHECK (kind ~ '^[a-z_]{1,60}$'),
  -- Same key, same message: a retried publication never mails an SIAE twice.
  dedup_key       text NOT NULL UNIQUE,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'en_attente' CHECK (status IN ('en_attente', 'envoye', 'echoue')),
  attempts        integer NOT NULL DEFAULT 0,
  available_at    timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  sent_at         timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_pending ON outbox (available_at) WHERE status = 'en_attente';
SELECT enable_tenant_rls('outbox');
