-- What the buyer's Word pane needs: the consultation's launch date and defence flag (Loi Climat
-- art. 35 applies to consultations launched from 2026-08-22, defence and security excluded), and
-- on each clause the facilitator's contact and the code of the wording it uses.

ALTER TABLE contracts
  ADD COLUMN launched_on date,
  ADD COLUMN defence_security boolean NOT NULL DEFAULT false;

ALTER TABLE clauses
  ADD COLUMN facilitator_contact text CHECK (length(facilitator_contact) <= 500),
  ADD COLUMN wording_code text CHECK (wording_code ~ '^[a-z0-9_]{1,60}$'),
  ADD COLUMN exact_hours numeric(14,4) CHECK (exact_hours >= 0),
  ADD CHECK ((wording_id IS NULL) = (wording_version IS NULL));
