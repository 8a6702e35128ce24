-- SIAE directory: keep Le Marché de l'inclusion's slug beside its numeric id (external_id), so a buyer can open the
-- structure's page there (https://lemarche.inclusion.beta.gouv.fr/prestataires/<slug>/) — since March 2026 their API
-- no longer publishes contact e-mails and phone numbers, so that page is how buyers reach an imported SIAE.
ALTER TABLE siae ADD COLUMN external_slug text CHECK (external_slug IS NULL OR length(external_slug) <= 255);
