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
-- A desk naming an official of another agency is refused: found by id alone.
CREATE INDEX people_id ON people (id);

-- A desktop enrolled for one official; NULL for an agency-wide device (the shared office PC).
ALTER TABLE devices ADD COLUMN person_id uuid;
ALTER TABLE enroll_codes ADD COLUMN person_id uuid;
CREATE INDEX devices_person ON devices (agency, person_id) WHERE person_id IS NOT NULL;

-- Which device uploaded which blob: a desk may always download what it sent itself.
CREATE TABLE blob_uploads (
  agency text NOT NULL REFERENCES agencies (code),
  sha256 text NOT NULL REFERENCES blobs (sha256),
  device uuid NOT NULL REFERENCES devices (id),
  PRIMARY KEY (agency, sha256, device)
);

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
-- A document id another agency holds: a desk of this one naming it is refused.
CREATE INDEX desk_documents_id ON desk_documents (id);

-- The blobs each desk document names now, its attachments' bases included: who may download a blob
-- is decided from these rows (by hash), not by reading every document's attachments.
CREATE TABLE desk_document_blobs (
  agency text NOT NULL,
  document_id uuid NOT NULL,
  sha256 text NOT NULL,
  PRIMARY KEY (agency, sha256, document_id),
  FOREIGN KEY (agency, document_id) REFERENCES desk_documents (agency, id)
);
CREATE INDEX desk_document_blobs_document ON desk_document_blobs (agency, document_id);

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
-- once named, they keep seeing it. Items about the document from since_seq on reach their
-- desks; what came before reaches them as copies addressed to them (feed.audience), the
-- document first, so a desk never gets an event before the document it belongs to.
CREATE TABLE desk_parties (
  agency text NOT NULL,
  document_id uuid NOT NULL,
  person_id uuid NOT NULL,
  since_seq integer NOT NULL,
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
-- Statuses and updates already in a feed concern a document too.
UPDATE feed SET document_id = (item->>'documentId')::uuid WHERE kind IN ('status', 'update');

-- The hub sends a recipient's handling statuses (04/05/06) itself, once per document and code.
CREATE INDEX status_events_document ON status_events (owner, document_id, from_agency, status_code);

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
