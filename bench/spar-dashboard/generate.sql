-- National-scale data for the SPAR dashboard benchmark (bench/spar-dashboard.sh), generated set-based in PostgreSQL.
-- Run by psql as the superuser on a freshly migrated, empty database:
--   psql -v orgs=2000 -v contracts=500000 -v participants=400000 -v records=20000000 -v corrections=400000 -f generate.sql
--
-- Shape (every draw is a hash of a row key, so two runs generate the same rows, whatever the plan's row order):
--   organisations  Zipf-like sizes by rank k: contracts ∝ k^-0.7, participants and hour records ∝ k^-0.9 (rank 1, a big
--                  métropole, holds ~8 % of the records; rank 2 000 a few thousand).
--   contracts      notified 2015-01 → last month, twice as many at the end as at the start; 35 % works, 45 % services,
--                  20 % supplies; amounts log-uniform 4 k€–25 M€; executions of 6–48 months; 1–3 lots each.
--   lots           an hourly clause (execution clause, alternative clause, marché d'insertion) on 10–55 % of them by
--                  category and amount, a reservation (L2113-12/13/13-1/15) on 2–5 %, an award criterion on 5–25 %,
--                  a relevance analysis on most of them.
--   participants   cohorts spread over the years, sex/birth year/QPV, one or two eligibility validations (~32 % RSA).
--   hour_records   monthly records of workers on lots with an hourly clause or a reservation, inside the contract's
--                  execution, 7–152 h each, modalities by lot kind; each organisation's share of :records split over its
--                  lots by amount; inserted month by month as imports would lay them out. Version 1 everywhere, plus
--                  :corrections rows of version 2 (a corrected month: some rows' hours changed, some dropped).
--   hour_statements one per contract and month with records (validated, the last two months drafts, a share of 2016
--                  months without statement, as rows stored before statements existed), version 2 for corrections.
--   roll-ups       built once, year by year, by the product's own hour_rollups_sql (the SQL the triggers run), then the
--                  people figures by refresh_spar_people.
--
-- Product tables are written with session_replication_role = replica: row triggers, statement triggers and foreign-key
-- checks are off, so the data must be (and is) consistent by construction; hour_records is loaded without its two
-- indexes, which are rebuilt with their exact definitions afterwards. Staging tables (schema bench) are unlogged.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET session_replication_role = replica;
SET work_mem = '1GB';
SET maintenance_work_mem = '2GB';
SET max_parallel_maintenance_workers = 2;
SET synchronous_commit = off;
SET jit = off;   -- generation queries have huge cost estimates; compiling them costs seconds and saves nothing

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.steps (step text, at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE PROCEDURE bench.step(name text) LANGUAGE sql AS $$ INSERT INTO bench.steps (step) VALUES (name) $$;
CALL bench.step('start');

-- Uniform draw in [0, 1) from a key and a salt (deterministic, order-independent).
CREATE FUNCTION bench.u(k bigint, salt int) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT ((hashint8extended(k, salt) >> 11) & 4503599627370495)::double precision / 4503599627370496.0 $$;
-- Deterministic ids.
CREATE FUNCTION bench.id(kind text, k bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT md5(kind || k)::uuid $$;
-- Month index (year * 12 + month - 1) and back.
CREATE FUNCTION bench.mi(d date) RETURNS int
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (extract(year FROM d) * 12 + extract(month FROM d) - 1)::int $$;
CREATE FUNCTION bench.md(i int) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT make_date(i / 12, i % 12 + 1, 1) $$;

-- Hours from January 2016 to the last complete month before the run.
CREATE TABLE bench.params AS
SELECT date '2016-01-01' AS first_month,
       (date_trunc('month', current_date) - interval '1 month')::date AS last_month,
       (date_trunc('month', current_date) - interval '1 day')::date AS data_end,
       bench.mi(date '2016-01-01') AS first_mi,
       bench.mi((date_trunc('month', current_date) - interval '1 month')::date) AS last_mi;
SELECT set_config('bench.v1', (:records - :corrections)::text, false) AS v1 \gset

-- ---------------------------------------------------------------------------------------------------------------------
-- Organisations, their director and facilitator, national registries (companies, SIAE).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE bench.org AS
WITH w AS (SELECT k AS rank, power(k, -0.7) AS wc, power(k, -0.9) AS wr FROM generate_series(1, :orgs) k),
     s AS (SELECT sum(wc) AS sc, sum(wr) AS sr FROM w)
SELECT rank, bench.id('org', rank) AS id, bench.id('director', rank) AS dir_id, bench.id('facilitator', rank) AS fac_id,
       floor(:contracts * wc / sc)::int AS n_contracts,
       floor(:participants * wr / sr)::int AS n_participants,
       :records * wr / sr AS records_share
  FROM w, s;
UPDATE bench.org SET n_contracts = n_contracts + (SELECT :contracts - sum(n_contracts) FROM bench.org),
                     n_participants = n_participants + (SELECT :participants - sum(n_participants) FROM bench.org)
 WHERE rank = 1;
ALTER TABLE bench.org ADD COLUMN c_first bigint, ADD COLUMN p_first bigint, ADD COLUMN kind text;
UPDATE bench.org o SET c_first = x.c_first, p_first = x.p_first,
       kind = CASE WHEN o.rank = 1 THEN 'metropole' WHEN o.rank = 2 THEN 'departement' WHEN o.rank = 3 THEN 'region'
                   WHEN o.rank <= 30 THEN (ARRAY['metropole', 'departement', 'bailleur_social', 'commune', 'hopital', 'region'])[1 + o.rank % 6]
                   ELSE (ARRAY['commune', 'commune', 'commune', 'commune', 'commune', 'commune', 'commune', 'bailleur_social',
                               'bailleur_social', 'hopital', 'etat', 'departement', 'autre', 'commune'])[1 + (hashint4(o.rank) & 1023) % 14] END
  FROM (SELECT rank, coalesce(sum(n_contracts) OVER w, 0) AS c_first, coalesce(sum(n_participants) OVER w, 0) AS p_first
          FROM bench.org WINDOW w AS (ORDER BY rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) x
 WHERE x.rank = o.rank;
CREATE UNIQUE INDEX ON bench.org (rank);

INSERT INTO organisations (id, name, kind, siret, departement, retention_months)
SELECT id,
       (CASE kind WHEN 'metropole' THEN 'Métropole' WHEN 'departement' THEN 'Département' WHEN 'region' THEN 'Région'
                  WHEN 'bailleur_social' THEN 'Bailleur social' WHEN 'hopital' THEN 'Centre hospitalier' WHEN 'etat' THEN 'Service de l''État'
                  WHEN 'commune' THEN 'Commune' ELSE 'Syndicat mixte' END) || ' ' || lpad(rank::text, 4, '0'),
       kind, '21' || lpad(rank::text, 12, '0'),
       CASE WHEN 1 + rank % 94 = 20 THEN '2A' ELSE lpad((1 + rank % 94)::text, 2, '0') END, 60
  FROM bench.org;

INSERT INTO users (id, tenant_id, object_id, email, display_name)
SELECT dir_id, 'clauses-dev', 'bench-spar-director-' || rank, 'directeur.' || rank || '@spar-bench.fr', 'Directeur ' || rank FROM bench.org
UNION ALL
SELECT fac_id, 'clauses-dev', 'bench-spar-facilitator-' || rank, 'facilitateur.' || rank || '@spar-bench.fr', 'Facilitateur ' || rank FROM bench.org;
INSERT INTO memberships (organisation_id, user_id, role)
SELECT id, dir_id, 'directeur' FROM bench.org UNION ALL SELECT id, fac_id, 'facilitateur' FROM bench.org;

INSERT INTO companies (id, siret, name, departement)
SELECT bench.id('company', k), '4' || lpad(k::text, 13, '0'), 'Entreprise ' || k, lpad((1 + k % 19)::text, 2, '0')
  FROM generate_series(1, 30000) k;
INSERT INTO siae (id, siret, name, kind, sectors, departements, source, external_id, imported_at)
SELECT bench.id('siae', k), '5' || lpad(k::text, 13, '0'), 'SIAE ' || k,
       (ARRAY['EI', 'ETTI', 'AI', 'ACI', 'EITI', 'GEIQ', 'EA', 'EATT', 'ESAT'])[1 + k % 9],
       ARRAY[(ARRAY['batiment', 'espaces_verts', 'nettoyage', 'restauration', 'logistique'])[1 + k % 5]],
       ARRAY[lpad((1 + k % 19)::text, 2, '0')], 'marche_inclusion', 'mi-' || k, now()
  FROM generate_series(1, 5000) k;
CALL bench.step('organisations, users, companies, SIAE');

-- ---------------------------------------------------------------------------------------------------------------------
-- Contracts and lots (staging first: the clauses' target hours depend on the hours generated below).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE UNLOGGED TABLE bench.contract AS
WITH b AS (
  SELECT o.c_first + n AS g, n, o.rank, o.id AS org_id, o.dir_id FROM bench.org o, generate_series(1, o.n_contracts) n),
d AS (
  SELECT b.*,
         CASE WHEN bench.u(g, 2) < 0.35 THEN 'travaux' WHEN bench.u(g, 2) < 0.80 THEN 'services' ELSE 'fournitures' END AS category,
         CASE WHEN bench.u(g, 3) < 0.70 THEN 'marche' WHEN bench.u(g, 3) < 0.95 THEN 'accord_cadre'
              WHEN bench.u(g, 3) < 0.97 THEN 'concession' ELSE 'subvention' END AS kind,
         round(exp(ln(4000) + bench.u(g, 4) * ln(25e6 / 4000))::numeric, 2) AS amount,
         date '2015-01-01' + floor((sqrt(1 + 3 * bench.u(g, 1)) - 1) * (p.data_end - date '2015-01-01'))::int AS notified_on,
         floor(bench.u(g, 5) * 45)::int AS start_delay,
         bench.u(g, 6) AS ud,
         1 + (bench.u(g, 7) >= 0.5)::int + (bench.u(g, 7) >= 0.8)::int AS n_lots
    FROM b, bench.params p)
SELECT g, bench.id('contract', g) AS id, n, rank, org_id, dir_id, category, kind, amount, n_lots, notified_on,
       notified_on + start_delay AS starts_on,
       (notified_on + start_delay
         + make_interval(months => CASE WHEN category = 'travaux' THEN 6 + floor(ud * 31)
                                        WHEN kind = 'accord_cadre' THEN 24 + floor(ud * 25)
                                        ELSE 12 + floor(ud * 37) END::int) - interval '1 day')::date AS ends_on
  FROM d;

INSERT INTO contracts (id, organisation_id, reference, title, kind, category, status, amount_ht, notified_on, starts_on, ends_on,
                       launched_on, created_by)
SELECT id, org_id, 'M' || extract(year FROM notified_on) || '-' || lpad(n::text, 6, '0'),
       (CASE category
          WHEN 'travaux' THEN (ARRAY['Réhabilitation de logements', 'Construction d''un groupe scolaire', 'Voirie et réseaux divers',
                                     'Rénovation énergétique de bâtiments', 'Aménagement d''espaces publics'])[1 + (g % 5)]
          WHEN 'services' THEN (ARRAY['Nettoyage des locaux', 'Entretien des espaces verts', 'Collecte des déchets',
                                      'Restauration collective', 'Maintenance des équipements', 'Gardiennage'])[1 + (g % 6)]
          ELSE (ARRAY['Fourniture de mobilier', 'Fourniture de vêtements de travail', 'Fourniture de matériel informatique'])[1 + (g % 3)] END)
         || ' — ' || n,
       kind, category,
       CASE WHEN ends_on < current_date THEN 'termine' WHEN starts_on <= current_date THEN 'en_execution' ELSE 'attribue' END,
       amount, notified_on, starts_on, ends_on, notified_on - 90, dir_id
  FROM bench.contract;
CALL bench.step('contracts');

CREATE UNLOGGED TABLE bench.lot AS
WITH l AS (
  SELECT c.g * 4 + k AS lg, k AS number, c.g AS cg, c.id AS contract_id, c.org_id, c.rank, c.category, c.kind, c.notified_on,
         c.starts_on, c.ends_on, round(c.amount / c.n_lots, 2) AS amount,
         (CASE c.category WHEN 'travaux' THEN 0.55 WHEN 'services' THEN 0.35 ELSE 0.10 END)
           * (CASE WHEN c.amount >= 90000 THEN 1 ELSE 0.3 END) AS p_hours,
         CASE c.category WHEN 'travaux' THEN 0.02 ELSE 0.05 END AS p_reserved,
         CASE c.category WHEN 'travaux' THEN 0.40 WHEN 'services' THEN 0.60 ELSE 0.20 END AS labour_share
    FROM bench.contract c, generate_series(1, c.n_lots) k),
d AS (
  SELECT l.*, bench.id('lot', lg) AS id,
         CASE WHEN bench.u(lg, 8) < p_hours THEN 'clause_execution'
              WHEN bench.u(lg, 8) < p_hours + 0.010 THEN 'clause_alternative'
              WHEN bench.u(lg, 8) < p_hours + 0.015 THEN 'marche_insertion' END AS hours_instrument,
         CASE WHEN bench.u(lg, 9) < p_reserved THEN
           CASE WHEN bench.u(lg, 10) < 0.50 THEN 'reserve_l2113_13' WHEN bench.u(lg, 10) < 0.90 THEN 'reserve_l2113_12'
                WHEN bench.u(lg, 10) < 0.95 THEN 'reserve_l2113_13_1' ELSE 'reserve_l2113_15' END END AS reservation
    FROM l)
SELECT d.*,
       bench.u(lg, 11) < CASE WHEN hours_instrument IS NOT NULL THEN 0.25 ELSE 0.05 END AS award_criterion,
       greatest(p.first_mi, bench.mi(starts_on)) AS m0,
       least(p.last_mi, bench.mi(ends_on)) AS m1
  FROM d, bench.params p;

INSERT INTO lots (id, organisation_id, contract_id, number, title, trade, amount_ht, contractor_company_id)
SELECT id, org_id, contract_id, number, 'Lot ' || number,
       CASE WHEN category = 'travaux' THEN (ARRAY['gros_oeuvre', 'maconnerie', 'peinture_interieure', 'plomberie', 'electricite',
                                                  'menuiserie', 'voirie', 'espaces_verts'])[1 + (lg % 8)] END,
       amount, bench.id('company', 1 + floor(bench.u(lg, 12) * 30000)::int)
  FROM bench.lot;
CALL bench.step('lots');

-- ---------------------------------------------------------------------------------------------------------------------
-- Participants (cohorts over the years), identities, eligibility validations, exits.
-- ---------------------------------------------------------------------------------------------------------------------
CREATE UNLOGGED TABLE bench.person AS
SELECT o.p_first + i + 1 AS g, i, bench.id('participant', o.p_first + i + 1) AS id, o.id AS org_id, o.fac_id, o.rank,
       p.first_mi + floor(i::numeric * (p.last_mi - p.first_mi + 1) / o.n_participants)::int AS cohort_mi
  FROM bench.org o, generate_series(0, o.n_participants - 1) i, bench.params p;

INSERT INTO participants (id, organisation_id, sex, birth_year, departement, qpv_resident, education_level, created_by, last_activity_on)
SELECT id, org_id,
       CASE WHEN bench.u(g, 20) < 0.30 THEN 'F' WHEN bench.u(g, 20) < 0.985 THEN 'M' WHEN bench.u(g, 20) < 0.99 THEN 'X' END,
       CASE WHEN bench.u(g, 22) < 0.98 THEN cohort_mi / 12 - 18 - floor(bench.u(g, 21) * 45)::int END,
       CASE WHEN 1 + rank % 94 = 20 THEN '2A' ELSE lpad((1 + rank % 94)::text, 2, '0') END,
       CASE WHEN bench.u(g, 23) < 0.35 THEN true WHEN bench.u(g, 23) < 0.90 THEN false END,
       (ARRAY['infra_3', 'infra_3', '3', '3', '4', '5', '6_plus'])[1 + floor(bench.u(g, 24) * 7)::int],
       fac_id, bench.md(cohort_mi + 24)
  FROM bench.person;
INSERT INTO participant_identities (participant_id, organisation_id, last_name, first_name, birth_date, postcode, city)
SELECT p.id, p.organisation_id, 'NOM' || b.g, 'Prénom' || b.g,
       make_date(coalesce(p.birth_year, 1980), 1 + (b.g % 12)::int, 1 + (b.g % 28)::int), '69' || lpad((b.g % 1000)::text, 3, '0'), 'Ville'
  FROM bench.person b JOIN participants p ON p.id = b.id;

WITH v AS (
  SELECT b.g, b.id, b.org_id, b.fac_id, bench.md(b.cohort_mi) - 120 + floor(bench.u(g, 30) * 60)::int AS validated_on,
         array_remove(ARRAY[
           CASE WHEN bench.u(g, 31) < 0.32 THEN 'rsa' END,
           CASE WHEN bench.u(g, 32) < 0.35 THEN 'deld' END,
           CASE WHEN bench.u(g, 33) < 0.15 THEN 'detld' END,
           CASE WHEN p.birth_year > b.cohort_mi / 12 - 26 AND bench.u(g, 34) < 0.5 THEN 'jeune_sans_qualification' END,
           CASE WHEN bench.u(g, 35) < 0.08 THEN 'rqth' END,
           CASE WHEN p.qpv_resident AND bench.u(g, 36) < 0.5 THEN 'residant_qpv' END,
           CASE WHEN b.cohort_mi / 12 - p.birth_year >= 50 THEN 'senior_50' END,
           CASE WHEN bench.u(g, 37) < 0.04 THEN 'ass' END,
           CASE WHEN bench.u(g, 38) < 0.02 THEN 'refugie' END], NULL) AS criteria
    FROM bench.person b JOIN participants p ON p.id = b.id)
INSERT INTO eligibility_validations (organisation_id, participant_id, criteria, basis, prescriber_kind, prescriber_name,
                                     evidence_reference, validated_on, valid_until, validated_by)
SELECT org_id, id, x.criteria, c.basis, c.prescriber_kind, c.prescriber_name, 'Pièce ' || g, x.validated_on, x.valid_until, fac_id
  FROM v
  CROSS JOIN LATERAL (SELECT CASE WHEN cardinality(v.criteria) = 0 THEN '{avis_prescripteur}' ELSE v.criteria END AS criteria,
                             CASE WHEN cardinality(v.criteria) = 0 THEN 'avis_prescripteur' ELSE 'critere' END AS basis,
                             CASE WHEN cardinality(v.criteria) = 0 THEN 'mission_locale' END AS prescriber_kind,
                             CASE WHEN cardinality(v.criteria) = 0 THEN 'Mission locale ' || (g % 300) END AS prescriber_name) c
  -- A two-year validation; 40 % are renewed for two more years, a third of the renewed RSA holders no longer on RSA.
  CROSS JOIN LATERAL (SELECT v.validated_on, v.validated_on + 730 AS valid_until, c.criteria
                      UNION ALL
                      SELECT v.validated_on + 700, v.validated_on + 1430,
                             CASE WHEN bench.u(g, 40) < 0.33 AND cardinality(array_remove(c.criteria, 'rsa')) > 0
                                  THEN array_remove(c.criteria, 'rsa') ELSE c.criteria END
                       WHERE bench.u(g, 39) < 0.40) x;

INSERT INTO exits (organisation_id, participant_id, exited_on, outcome, follow_up_due_on, follow_up_on, follow_up_outcome, created_by)
SELECT org_id, id, exited_on, outcome, exited_on + 183,
       CASE WHEN exited_on + 183 < current_date AND bench.u(g, 43) < 0.7 THEN exited_on + 190 END,
       CASE WHEN exited_on + 183 < current_date AND bench.u(g, 43) < 0.7 THEN
         (ARRAY['cdi', 'cdd_6_mois_plus', 'interim', 'demandeur_emploi', 'inactif'])[1 + floor(bench.u(g, 44) * 5)::int] END,
       fac_id
  FROM (SELECT b.*, bench.md(cohort_mi + 12 + floor(bench.u(g, 41) * 12)::int) + floor(bench.u(g, 42) * 27)::int AS exited_on,
               (ARRAY['cdi', 'cdi', 'cdi', 'cdd_6_mois_plus', 'cdd_6_mois_plus', 'cdd_6_mois_plus', 'cdd_moins_6_mois', 'cdd_moins_6_mois',
                      'interim', 'interim', 'formation_qualifiante', 'formation_qualifiante', 'creation_entreprise', 'demandeur_emploi',
                      'demandeur_emploi', 'demandeur_emploi', 'demandeur_emploi', 'demandeur_emploi', 'inactif', 'inconnu'])
                 [1 + floor(bench.u(g, 45) * 20)::int] AS outcome
          FROM bench.person b WHERE bench.u(g, 46) < 0.35) e, bench.params p
 WHERE exited_on <= p.data_end;
CALL bench.step('participants, identities, validations, exits');

-- ---------------------------------------------------------------------------------------------------------------------
-- Workers on lots: one row per (lot, worker) with a run of consecutive months; a lot's workers are distinct people of
-- the organisation's cohort around the lot's execution, so no two rows share a natural key.
-- ---------------------------------------------------------------------------------------------------------------------
CREATE UNLOGGED TABLE bench.hlot AS
SELECT l.lg, l.id AS lot_id, l.cg, l.contract_id, l.org_id, l.rank, l.m0, l.m1 - l.m0 + 1 AS months,
       l.hours_instrument, l.reservation,
       -- Hours grow with the lot's size (damped) and spread evenly over its execution: a lot whose execution is only partly
       -- inside the data window gets that part of its hours.
       sqrt(l.amount * l.labour_share) * (l.m1 - l.m0 + 1) / (bench.mi(l.ends_on) - bench.mi(l.starts_on) + 1) AS weight
  FROM bench.lot l
 WHERE (l.hours_instrument IS NOT NULL OR l.reservation IS NOT NULL) AND l.m1 >= l.m0;

CREATE UNLOGGED TABLE bench.work0 AS
WITH s AS (
  SELECT h.*, o.n_participants AS np, o.p_first, o.fac_id, p.first_mi, p.last_mi,
         -- 4 % more than the share: the trim below cuts to the exact count.
         o.records_share * 1.04 * h.weight / sum(h.weight) OVER (PARTITION BY h.org_id) AS records,
         least(h.months, 12) AS lmax
    FROM bench.hlot h JOIN bench.org o ON o.id = h.org_id, bench.params p),
w AS (
  SELECT s.*, least(np, greatest(1, round(records / ((1 + lmax) / 2.0))))::int AS workers FROM s)
SELECT w.lg * 100000 + k AS wk, w.lg, w.cg, w.lot_id, w.contract_id, w.org_id, w.rank, w.fac_id, w.m0, w.months, w.reservation,
       w.np, w.p_first, k,
       -- People of the cohort active around the middle of the lot's execution.
       (floor(w.np * ((w.m0 + w.months / 2.0 - w.first_mi) / (w.last_mi - w.first_mi + 1.0))) - w.workers / 2
          + floor(bench.u(w.lg, 13) * greatest(1, w.np / 20)))::bigint AS base,
       1 + floor(bench.u(w.lg * 100000 + k, 14) * w.lmax)::int AS len
  FROM w, generate_series(0, w.workers - 1) k;

CREATE UNLOGGED TABLE bench.work1 AS
SELECT w.*, w.m0 + floor(bench.u(wk, 15) * (w.months - w.len + 1))::int AS first_m,
       sum(len) OVER (ORDER BY bench.u(wk, 16), wk) AS cum
  FROM bench.work0 w;

DO $$
DECLARE total bigint := (SELECT sum(len) FROM bench.work1);
BEGIN
  IF total < current_setting('bench.v1')::bigint THEN
    RAISE EXCEPTION 'generated % worker-months, fewer than the % wanted', total, current_setting('bench.v1');
  END IF;
END $$;

-- Trim to exactly :records - :corrections version-1 rows: drop the last workers of a random order, shorten the boundary one.
CREATE UNLOGGED TABLE bench.work AS
SELECT w.wk, w.cg, w.lot_id, w.contract_id, w.org_id, w.rank, w.fac_id, w.first_m,
       least(w.len, current_setting('bench.v1')::bigint - (w.cum - w.len))::int AS len,
       bench.id('participant', w.p_first + 1 + (((w.base + w.k) % w.np + w.np) % w.np)) AS participant_id,
       CASE
         WHEN w.reservation = 'reserve_l2113_12' THEN 'entreprise_adaptee'
         WHEN w.reservation IS NOT NULL THEN (ARRAY['embauche_directe', 'embauche_directe', 'interim_etti', 'interim_etti',
                                                    'mise_a_disposition_ai', 'mise_a_disposition_ai', 'sous_traitance_siae'])[1 + floor(bench.u(wk, 17) * 7)::int]
         ELSE (ARRAY['embauche_directe', 'embauche_directe', 'embauche_directe', 'embauche_directe', 'embauche_directe', 'embauche_directe',
                     'embauche_directe', 'interim_etti', 'interim_etti', 'interim_etti', 'interim_etti', 'interim_ett', 'interim_ett',
                     'mise_a_disposition_ai', 'mise_a_disposition_ai', 'geiq', 'sous_traitance_siae', 'cotraitance_siae', 'formation',
                     'formation'])[1 + floor(bench.u(wk, 17) * 20)::int] END AS modality,
       '3' || lpad((floor(bench.u(w.lg * 8 + floor(bench.u(wk, 18) * 8)::bigint, 19) * 1e13))::bigint::text, 13, '0') AS siret,
       CASE WHEN bench.u(w.cg, 47) < 0.85 THEN 'excel' WHEN bench.u(w.cg, 47) < 0.95 THEN 'api' ELSE 'saisie' END AS source,
       md5('file' || w.cg) AS file_prefix,
       'P-' || lpad((w.p_first + 1 + (((w.base + w.k) % w.np + w.np) % w.np))::text, 6, '0') AS person_ref
  FROM bench.work1 w
 WHERE w.cum - w.len < current_setting('bench.v1')::bigint;
DROP TABLE bench.work0, bench.work1;
CALL bench.step('workers on lots (staging)');

-- ---------------------------------------------------------------------------------------------------------------------
-- Clauses and relevance analyses. Hourly clauses are sized at about the hours their lot will carry (fulfilment 70–130 %).
-- ---------------------------------------------------------------------------------------------------------------------
CREATE UNLOGGED TABLE bench.lot_hours AS
SELECT lot_id, sum(len) * 79.5 AS hours FROM bench.work GROUP BY lot_id;

INSERT INTO clauses (organisation_id, lot_id, instrument, sizing_mode, amount_ht, labour_share, labour_share_source, insertion_rate,
                     hourly_cost, target_hours, award_weight, penalty_per_hour, penalty_cap, eligible_criteria, allowed_modalities,
                     facilitator_user_id, reporting_frequency, created_by)
SELECT l.org_id, l.id, i.instrument,
       CASE WHEN i.hourly THEN 'heures_fixes' END, CASE WHEN i.hourly THEN l.amount END,
       CASE WHEN i.hourly THEN l.labour_share END, CASE WHEN i.hourly THEN 'table_sourcee' END,
       CASE WHEN i.hourly THEN 0.05 END, CASE WHEN i.hourly THEN 28 END,
       CASE WHEN i.hourly THEN round((coalesce(h.hours, 0) * (0.7 + 0.6 * bench.u(l.lg, 50)))::numeric
                                     + greatest(35, l.amount * l.labour_share * 0.05 / 28) * (h.hours IS NULL)::int, 0) END,
       CASE WHEN i.instrument = 'critere_attribution' THEN 5 + floor(bench.u(l.lg, 51) * 16) END,
       CASE WHEN i.hourly AND bench.u(l.lg, 52) < 0.5 THEN 30 + floor(bench.u(l.lg, 53) * 31) END,
       CASE WHEN i.hourly AND bench.u(l.lg, 52) < 0.25 THEN round(l.amount * 0.05, 2) END,
       CASE WHEN i.hourly THEN '{rsa,deld,detld,jeune_sans_qualification,rqth,residant_qpv}'::text[] ELSE '{}' END,
       CASE WHEN i.hourly THEN '{embauche_directe,interim_etti,interim_ett,mise_a_disposition_ai,geiq,sous_traitance_siae,formation}'::text[]
            ELSE '{}' END,
       o.fac_id, CASE WHEN i.hourly THEN 'mensuelle' END, o.dir_id
  FROM bench.lot l
  JOIN bench.org o ON o.id = l.org_id
  LEFT JOIN bench.lot_hours h ON h.lot_id = l.id
  CROSS JOIN LATERAL (VALUES (l.hours_instrument, true), (l.reservation, false),
                             (CASE WHEN l.award_criterion THEN 'critere_attribution' END, false)) AS i (instrument, hourly)
 WHERE i.instrument IS NOT NULL;

INSERT INTO relevance_analyses (organisation_id, lot_id, outcome, instruments, reason, analysed_by, analysed_at)
SELECT l.org_id, l.id,
       CASE WHEN cardinality(x.instruments) > 0 THEN 'pertinent' ELSE 'non_pertinent' END, x.instruments,
       CASE WHEN cardinality(x.instruments) = 0 THEN
         (ARRAY['montant_faible', 'duree_courte', 'main_oeuvre_faible', 'prestation_specialisee', 'urgence', 'absence_offre_insertion', 'autre'])
           [1 + floor(bench.u(l.lg, 55) * 7)::int] END,
       o.dir_id, l.notified_on::timestamptz - interval '30 days'
  FROM bench.lot l
  JOIN bench.org o ON o.id = l.org_id
  CROSS JOIN LATERAL (SELECT array_remove(ARRAY[l.hours_instrument, l.reservation,
                                                CASE WHEN l.award_criterion THEN 'critere_attribution' END], NULL) AS instruments) x
 WHERE bench.u(l.lg, 54) < CASE WHEN cardinality(x.instruments) > 0 THEN 0.95
                                WHEN l.notified_on >= date '2020-01-01' THEN 0.85 ELSE 0.50 END;

-- Real partnerships: most reserved lots awarded to an SIAE, a few clause lots with SIAE subcontracting or co-contracting.
INSERT INTO partnerships (organisation_id, contract_id, lot_id, siae_id, contractor_company_id, kind, amount_ht, starts_on, ends_on, created_by)
SELECT l.org_id, l.contract_id, l.id, bench.id('siae', 1 + floor(bench.u(l.lg, 56) * 5000)::int),
       CASE WHEN l.reservation IS NULL THEN bench.id('company', 1 + floor(bench.u(l.lg, 12) * 30000)::int) END,
       CASE WHEN l.reservation IS NOT NULL THEN 'attribution' WHEN bench.u(l.lg, 57) < 0.8 THEN 'sous_traitance' ELSE 'cotraitance' END,
       round(l.amount * CASE WHEN l.reservation IS NOT NULL THEN 1 ELSE 0.15 END, 2), l.starts_on, l.ends_on, o.dir_id
  FROM bench.lot l JOIN bench.org o ON o.id = l.org_id
 WHERE (l.reservation IS NOT NULL AND bench.u(l.lg, 58) < 0.6)
    OR (l.hours_instrument IS NOT NULL AND bench.u(l.lg, 58) < 0.06);
CALL bench.step('clauses, relevance analyses, partnerships');

-- ---------------------------------------------------------------------------------------------------------------------
-- Hour records, month by month within each year (the layout imports give the table), then statements and corrections.
-- One transaction that starts with TRUNCATE, so that (wal_level = minimal) the load and the index builds skip the WAL.
-- ---------------------------------------------------------------------------------------------------------------------
BEGIN;
TRUNCATE hour_records, hour_statements;
CREATE TEMP TABLE hour_records_indexes AS
SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'hour_records'::regclass;
ALTER TABLE hour_records DROP CONSTRAINT hour_records_natural_key;
DROP INDEX hour_records_org_period;

SELECT format($q$
  INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, period_kind, version,
                            hours, evidence_reference, source, file_hash, declared_by)
  SELECT w.org_id, w.contract_id, w.lot_id, w.participant_id, w.siret, w.modality, bench.md(m), 'mois', 1,
         (70 + floor(bench.u(w.wk * 200 + (m - w.first_m), 60) * 1450))::numeric / 10,
         'Bulletin ' || to_char(bench.md(m), 'MM/YYYY') || ' ' || w.person_ref, w.source,
         CASE WHEN w.source = 'excel' THEN decode(w.file_prefix || lpad(to_hex(m), 32, '0'), 'hex') END, w.fac_id
    FROM bench.work w, generate_series(greatest(w.first_m, %1$s), least(w.first_m + w.len - 1, %2$s)) m
   WHERE w.first_m <= %2$s AND w.first_m + w.len - 1 >= %1$s
   ORDER BY m, w.rank, w.cg
  $q$, y * 12, y * 12 + 11)
  FROM generate_series(2016, (SELECT extract(year FROM last_month)::int FROM bench.params)) y
\gexec
CALL bench.step('hour records, version 1');

-- Statements: validated, except the last two months (drafts) and a third of 2016's months (stored before statements).
INSERT INTO hour_statements (organisation_id, contract_id, period, version, status, validated_by, validated_at, created_at)
SELECT g.organisation_id, g.contract_id, g.period, 1,
       CASE WHEN g.period >= p.last_month - interval '1 month' THEN 'brouillon' ELSE 'valide' END,
       CASE WHEN g.period >= p.last_month - interval '1 month' THEN NULL ELSE o.fac_id END,
       CASE WHEN g.period >= p.last_month - interval '1 month' THEN NULL ELSE g.period + interval '1 month 10 days' END,
       g.period + interval '1 month 5 days'
  FROM (SELECT organisation_id, contract_id, period FROM hour_records GROUP BY 1, 2, 3) g
  JOIN bench.org o ON o.id = g.organisation_id, bench.params p
 WHERE g.period >= date '2017-01-01' OR bench.u(hashtextextended(g.contract_id::text, 0) # bench.mi(g.period), 61) >= 0.33
 ORDER BY g.contract_id, g.period;
CALL bench.step('statements, version 1');

-- Corrections: validated months corrected as a version 2, taken in a random order of months until :corrections rows.
CREATE TEMP TABLE corrected AS
SELECT s.contract_id, s.period, bench.u(hashtextextended(s.contract_id::text, 0) # bench.mi(s.period), 62) AS ord
  FROM hour_statements s, bench.params p
 WHERE s.status = 'valide' AND s.period <= p.last_month - interval '3 months'
   AND bench.u(hashtextextended(s.contract_id::text, 0) # bench.mi(s.period), 63) < 0.03;
WITH v2 AS (
  INSERT INTO hour_records (organisation_id, contract_id, lot_id, participant_id, employer_siret, modality, period, period_kind, version,
                            hours, evidence_reference, source, file_hash, declared_by)
  SELECT r.organisation_id, r.contract_id, r.lot_id, r.participant_id, r.employer_siret, r.modality, r.period, 'mois', 2,
         CASE WHEN bench.u(hashtextextended(r.participant_id::text, 0) # bench.mi(r.period), 64) < 0.3 THEN round(r.hours * 0.8, 1)
              ELSE r.hours END,
         r.evidence_reference || ' (rectificatif)', r.source, r.file_hash, r.declared_by
    FROM hour_records r JOIN corrected c ON c.contract_id = r.contract_id AND c.period = r.period
   ORDER BY c.ord, r.contract_id, r.period, r.participant_id
   LIMIT :corrections
  RETURNING organisation_id, contract_id, period)
INSERT INTO hour_statements (organisation_id, contract_id, period, version, status, validated_by, validated_at, created_at)
SELECT v2.organisation_id, v2.contract_id, v2.period, 2, 'valide', o.fac_id, v2.period + interval '3 months', v2.period + interval '3 months'
  FROM (SELECT DISTINCT organisation_id, contract_id, period FROM v2) v2 JOIN bench.org o ON o.id = v2.organisation_id;
CALL bench.step('corrections (version 2) and their statements');

ALTER TABLE hour_records ADD CONSTRAINT hour_records_natural_key PRIMARY KEY (participant_id, lot_id, period, modality, version);
CREATE INDEX hour_records_org_period ON hour_records (organisation_id, period);
DO $$
BEGIN
  IF EXISTS (SELECT name, def FROM hour_records_indexes
             EXCEPT SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'hour_records'::regclass)
  THEN RAISE EXCEPTION 'hour_records indexes differ from the migrations'' definitions after the load';
  END IF;
END $$;
COMMIT;
CALL bench.step('hour_records indexes rebuilt');

-- ---------------------------------------------------------------------------------------------------------------------
-- Roll-ups, by the product's own statement (the one the triggers run), one year at a time to bound memory.
-- ---------------------------------------------------------------------------------------------------------------------
ANALYZE hour_records;
ANALYZE hour_statements;
BEGIN;
TRUNCATE hour_month_totals, hour_year_lot_totals, hour_month_modality_totals, participant_year_totals, spar_people_year;
-- The roll-up statement is planned for an import's rows. Over a year of the national table the planner's small estimates
-- can pick nested loops (with migration 0013's first version it joined every row to the reserved lots by nested loop:
-- hours instead of minutes), so they are off for this load only.
SET LOCAL enable_nestloop = off;
SELECT format('DO $d$ BEGIN EXECUTE hour_rollups_sql(%L, true); END $d$',
              format('SELECT *, 1 AS sign FROM hour_records WHERE period >= %L AND period < %L', make_date(y, 1, 1), make_date(y + 1, 1, 1)))
  FROM generate_series(2016, (SELECT extract(year FROM last_month)::int FROM bench.params)) y
\gexec
COMMIT;
CALL bench.step('roll-ups (hour_rollups_sql, per year)');

-- People figures: the triggers that recount them are off during the load (replica), so each organisation-year is recounted
-- here by the product's own function.
SELECT refresh_spar_people(organisation_id, year)
  FROM (SELECT DISTINCT organisation_id, year FROM participant_year_totals ORDER BY 1, 2) x \g /dev/null
CALL bench.step('people figures (refresh_spar_people, per organisation-year)');

-- SPAR targets of the 400 largest organisations, 2019 to next year, in each indicator's unit.
INSERT INTO spar_targets (organisation_id, year, indicator, target_value, unit, created_by)
SELECT o.id, y, i.indicator,
       CASE i.indicator
         WHEN 'heures_insertion' THEN round(o.records_share / 10.8 * 80 * (0.9 + 0.3 * bench.u(o.rank * 100 + y, 70)))
         WHEN 'participants' THEN round(o.n_participants / 5.0 * (0.9 + 0.3 * bench.u(o.rank * 100 + y, 71)))
         WHEN 'part_femmes' THEN 30 + floor(bench.u(o.rank * 100 + y, 72) * 11)
         WHEN 'part_rsa' THEN 30 + floor(bench.u(o.rank * 100 + y, 73) * 11)
         WHEN 'taux_sorties_emploi' THEN 30 + floor(bench.u(o.rank * 100 + y, 74) * 21)
         WHEN 'contrats_analyses' THEN 100
         WHEN 'part_contrats_consideration_sociale' THEN 30
         WHEN 'marches_reserves_nombre' THEN greatest(1, round(o.n_contracts / 11.0 * 0.05))
       END, i.unit, o.dir_id
  FROM bench.org o, generate_series(2019, (SELECT extract(year FROM last_month)::int + 1 FROM bench.params)) y,
       (VALUES ('heures_insertion', 'heures'), ('participants', 'nombre'), ('part_femmes', 'pourcentage'), ('part_rsa', 'pourcentage'),
               ('taux_sorties_emploi', 'pourcentage'), ('contrats_analyses', 'pourcentage'),
               ('part_contrats_consideration_sociale', 'pourcentage'), ('marches_reserves_nombre', 'nombre')) i (indicator, unit)
 WHERE o.rank <= 400;
CALL bench.step('SPAR targets');
