-- Organisations (buyers, and SIAE accounts), users signed in through Entra ID, and their roles.
-- A user may hold several roles in several organisations (a facilitator often serves many).

CREATE TABLE organisations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind             text NOT NULL CHECK (kind IN ('metropole', 'commune', 'departement', 'region', 'bailleur_social',
                                                 'hopital', 'etat', 'prive', 'siae', 'autre')),
  siret            char(14) CHECK (siret ~ '^[0-9]{14}$'),
  departement      text CHECK (departement ~ '^(0[1-9]|1[0-9]|[3-8][0-9]|9[0-5]|2[1-9]|2A|2B|97[1-6])$'),
  -- GDPR storage limitation: participants' identities are anonymised this long after their last activity.
  retention_months integer NOT NULL DEFAULT 60 CHECK (retention_months BETWEEN 12 AND 240),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX organisations_siret_key ON organisations (siret) WHERE siret IS NOT NULL;
CREATE INDEX organisations_name_trgm ON organisations USING gin (name gin_trgm_ops);
CREATE TRIGGER organisations_version BEFORE UPDATE ON organisations FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Entra ID identifies a user by tenant (tid) and object id (oid): stable, unlike e-mail addresses.
  tenant_id       text NOT NULL CHECK (length(tenant_id) BETWEEN 1 AND 100),
  object_id       text NOT NULL CHECK (length(object_id) BETWEEN 1 AND 100),
  email           text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  display_name    text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  platform_admin  boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, object_id)
);
CREATE INDEX users_email ON users (lower(email));

CREATE TABLE memberships (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('acheteur', 'facilitateur', 'siae', 'directeur', 'admin')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id, role)
);
CREATE INDEX memberships_user ON memberships (user_id);

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisations_read ON organisations FOR SELECT
  USING (id = ANY ((SELECT app_org_ids())::uuid[]) OR (SELECT app_is_platform_admin()));
CREATE POLICY organisations_create ON organisations FOR INSERT
  WITH CHECK ((SELECT app_is_platform_admin()));
CREATE POLICY organisations_update ON organisations FOR UPDATE
  USING (id = ANY ((SELECT app_admin_org_ids())::uuid[]) OR (SELECT app_is_platform_admin()));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY memberships_read ON memberships FOR SELECT
  USING (user_id = (SELECT app_user_id()) OR organisation_id = ANY ((SELECT app_org_ids())::uuid[]) OR (SELECT app_is_platform_admin()));
CREATE POLICY memberships_write ON memberships FOR ALL
  USING (organisation_id = ANY ((SELECT app_admin_org_ids())::uuid[]) OR (SELECT app_is_platform_admin()))
  WITH CHECK (organisation_id = ANY ((SELECT app_admin_org_ids())::uuid[]) OR (SELECT app_is_platform_admin()));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT
  USING (id = (SELECT app_user_id()) OR (SELECT app_is_platform_admin())
         OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.organisation_id = ANY ((SELECT app_org_ids())::uuid[])));
CREATE POLICY users_write ON users FOR ALL
  USING ((SELECT app_is_platform_admin()) OR cardinality((SELECT app_admin_org_ids())) > 0)
  WITH CHECK ((SELECT app_is_platform_admin()) OR cardinality((SELECT app_admin_org_ids())) > 0);

-- Sign-in happens before the caller's organisations are known, so resolving a token's user and
-- memberships goes through this one narrow function that runs with the owner's rights.
CREATE FUNCTION auth_resolve_user(p_tenant_id text, p_object_id text)
  RETURNS TABLE (user_id uuid, display_name text, email text, platform_admin boolean,
                 organisation_id uuid, organisation_name text, organisation_kind text, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT u.id, u.display_name, u.email, u.platform_admin, o.id, o.name, o.kind, m.role
      FROM users u
      LEFT JOIN memberships m ON m.user_id = u.id
      LEFT JOIN organisations o ON o.id = m.organisation_id
     WHERE u.tenant_id = p_tenant_id AND u.object_id = p_object_id
     ORDER BY o.name, m.role
  $$;
