-- The desks of one agency (PROTOCOL.md, "The desks of one agency"): its
-- officials, the desktop enrolled for each, the documents and handling events
-- the desks share, who each document concerns, and refused writes.

-- The agency's officials, kept by its clerk and by the hub's admin; last writer (by HLC) wins.
CREATE TABLE people (
  agency text NOT NULL REFERENCES agencies (code),
  id uuid NOT NULL,
  record jsonb NOT NULL,              -- shared/sync-protocol.ts personRecord
  role text NOT NULL CHECK (role IN ('clerk', 'leader', 'officer')),
  hlc text COLLATE "C" NOT NULL,
  device uuid,                        -- NULL: written by the hub's admin
  PRIMARY KEY (agency, id)
);

-- A desktop enrolled for one official; NULL for an agency-wide device (the shared office PC).
ALTER TABLE devices ADD COLUMN person_id uuid;
ALTER TABLE enroll_codes ADD COLUMN person_id uuid;

-- Each document's register entry and files as the desks share them; the newest HLC wins.
CREATE TABLE desk_documents (
  agency text NOT NULL REFERENCES agencies (code),
  id uuid NOT NULL,
  record jsonb NOT NULL,              -- deskDocument
  attachments jsonb NOT NULL,         -- deskAttachment[]
  secret boolean NOT NULL,            -- mật or above: only the officials it names
  hlc text COLLATE "C" NOT NULL,
  device uuid NOT NULL,
  PRIMARY KEY (agency, id)
);

-- Handling events: appended, never merged or overwritten. The id is the event's own.
CREATE TABLE desk_events (
  agency text NOT NULL REFERENCES agencies (code),
  id uuid NOT NULL,
  document_id uuid NOT NULL,
  person_id uuid NOT NULL,
  event jsonb NOT NULL,               -- deskEvent
  hlc text COLLATE "C" NOT NULL,
  device uuid NOT NULL,
  PRIMARY KEY (agency, id),
  FOREIGN KEY (agency, document_id) REFERENCES desk_documents (agency, id)
);
CREATE INDEX desk_events_document ON desk_events (agency, document_id, hlc);

-- Every official a document has named (author, submitted to, assigned, informed, approving):
-- once named, they keep seeing it.
CREATE TABLE desk_parties (
  agency text NOT NULL,
  document_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (agency, document_id, person_id)
);

-- A feed item about one document is shown only to the desks it concerns; an
-- item with an audience goes to that official's desks alone (what they missed
-- before the document named them).
ALTER TABLE feed ADD COLUMN document_id uuid;
ALTER TABLE feed ADD COLUMN audience uuid;
ALTER TABLE feed DROP CONSTRAINT feed_kind_check;
ALTER TABLE feed ADD CONSTRAINT feed_kind_check
  CHECK (kind IN ('document', 'status', 'update', 'person', 'desk.document', 'desk.event'));

-- Writes the hub refused because a desk acted outside its official: kept for the province's audit.
CREATE TABLE refused_writes (
  id bigserial PRIMARY KEY,
  agency text NOT NULL,
  device uuid NOT NULL,
  device_person uuid,
  claimed_person uuid,
  change_id uuid,
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
