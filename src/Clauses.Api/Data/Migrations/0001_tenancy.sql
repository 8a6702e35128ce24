-- Tenancy as a second wall: the API connects as clauses_app (not the owner, no BYPASSRLS) and,
-- in every transaction, sets the caller's organisations with set_config(..., is_local => true).
-- Every table holding an organisation's data gets a row-level-security policy on organisation_id,
-- so a query that forgets its WHERE still cannot see another organisation's rows.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clauses_app') THEN
    RAISE EXCEPTION 'Le rôle PostgreSQL clauses_app doit exister avant la migration (voir README, « Production »).';
  END IF;
END
$$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

GRANT USAGE ON SCHEMA public TO clauses_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO clauses_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO clauses_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO clauses_app;

-- The caller, as set by the API for the current transaction. Unset means "nobody": empty arrays.
CREATE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('clauses.user_id', true), '')::uuid $$;

CREATE FUNCTION app_org_ids() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('clauses.org_ids', true), '')::uuid[], '{}') $$;

-- Organisations where the caller is a facilitator: only they read participants' identities
-- and eligibility evidence (GDPR art. 9 data: RSA status, RQTH).
CREATE FUNCTION app_facilitator_org_ids() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('clauses.facilitator_org_ids', true), '')::uuid[], '{}') $$;

CREATE FUNCTION app_admin_org_ids() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('clauses.admin_org_ids', true), '')::uuid[], '{}') $$;

CREATE FUNCTION app_is_platform_admin() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('clauses.platform_admin', true), '') = 'on' $$;

-- Enables RLS on a table with the standard tenant policy. The (SELECT ...) wrapper makes the
-- planner evaluate the setting once per query instead of once per row.
CREATE FUNCTION enable_tenant_rls(tbl regclass, org_column text DEFAULT 'organisation_id') RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (%I = ANY ((SELECT app_org_ids())::uuid[])) WITH CHECK (%I = ANY ((SELECT app_org_ids())::uuid[]))',
    tbl, org_column, org_column);
END
$$;

-- Optimistic concurrency: every update bumps version (the ETag) and updated_at.
CREATE FUNCTION bump_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
