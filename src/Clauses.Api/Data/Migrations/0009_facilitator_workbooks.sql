-- What the facilitator's Excel work needs: a short reference per participant for files and
-- drop-down lists ("P-000123"), and the workbooks of long imports, kept with their job so that any
-- instance of the API can process them and hand back the annotated copy.

ALTER TABLE participants ADD COLUMN number bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE participants ADD CONSTRAINT participants_number_key UNIQUE (number);

CREATE TABLE import_files (
  job_id          uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  contract_id     uuid NOT NULL,
  file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  file_hash       text NOT NULL CHECK (file_hash ~ '^[0-9a-f]{64}$'),
  content         bytea NOT NULL,
  annotated       bytea,
  created_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organisation_id, contract_id) REFERENCES contracts (organisation_id, id) ON DELETE CASCADE
);
SELECT enable_tenant_rls('import_files');
-- Uploaded workbooks can be large: keep them out of the main heap pages and compressed.
ALTER TABLE import_files ALTER COLUMN content SET STORAGE EXTENDED;
