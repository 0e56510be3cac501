-- Each official on their own desktop (issue 15): the official this device is
-- enrolled for, the desk changes the change log can carry, documents whose
-- register entry or files changed since they last went to the hub, and the
-- HLC of the entry each desk holds.

ALTER TABLE sync_device ADD COLUMN person_id TEXT;      -- NULL: an agency-wide device
ALTER TABLE sync_device ADD COLUMN desk_sync INTEGER NOT NULL DEFAULT 0 CHECK (desk_sync IN (0, 1));

ALTER TABLE people ADD COLUMN hlc TEXT;                 -- the clock of the record as the agency shares it

-- The change log gains the desk operations; SQLite cannot widen a CHECK in place.
CREATE TABLE changes_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hlc TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('document.issue', 'status.send', 'document.update', 'person.put', 'desk.document', 'desk.event')),
  document_id TEXT NOT NULL,          -- for person.put: the person's id
  payload TEXT,
  priority INTEGER NOT NULL,          -- -1 desk events and people (tiny, ahead of all), 0 Hỏa tốc … 3 Thường
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
  result_code TEXT,
  result_message TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;
INSERT INTO changes_new SELECT * FROM changes;
DROP TABLE changes;
ALTER TABLE changes_new RENAME TO changes;
CREATE INDEX changes_pending ON changes (priority, seq) WHERE state = 'pending';
CREATE INDEX changes_document ON changes (document_id);

-- A document whose entry, recipients or files changed here and must go to the other desks.
-- Filled by triggers, so no write path can forget it; the code that applies what came
-- from another desk removes its own marks in the same transaction.
CREATE TABLE desk_dirty (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  since TEXT NOT NULL
) STRICT;

CREATE TRIGGER desk_dirty_document_insert AFTER INSERT ON documents
BEGIN INSERT OR IGNORE INTO desk_dirty (document_id, since) VALUES (NEW.id, NEW.updated_at); END;
CREATE TRIGGER desk_dirty_document_update AFTER UPDATE ON documents
BEGIN INSERT OR IGNORE INTO desk_dirty (document_id, since) VALUES (NEW.id, NEW.updated_at); END;
CREATE TRIGGER desk_dirty_attachment_insert AFTER INSERT ON attachments
BEGIN INSERT OR IGNORE INTO desk_dirty (document_id, since) VALUES (NEW.document_id, NEW.created_at); END;
CREATE TRIGGER desk_dirty_attachment_update AFTER UPDATE ON attachments
BEGIN INSERT OR IGNORE INTO desk_dirty (document_id, since) VALUES (NEW.document_id, NEW.created_at); END;
CREATE TRIGGER desk_dirty_recipients_insert AFTER INSERT ON recipients
BEGIN INSERT OR IGNORE INTO desk_dirty (document_id, since) VALUES (NEW.document_id, datetime('now')); END;

-- The HLC of the register entry this desk holds for a document (its own, or one from another
-- desk), and whether the hub holds the entry: a handling event about a document the hub lacks
-- would only be told to wait, so it follows the entry.
CREATE TABLE desk_clocks (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  hlc TEXT NOT NULL,
  on_hub INTEGER NOT NULL DEFAULT 0 CHECK (on_hub IN (0, 1))
) STRICT;

-- Whether a file starts with the bytes of the version it replaced (a signature or a number added
-- as an incremental update), so that only the appended bytes travel. Read from the files once.
CREATE TABLE desk_blob_extends (
  sha256 TEXT NOT NULL,
  base_sha256 TEXT NOT NULL,
  extends INTEGER NOT NULL CHECK (extends IN (0, 1)),
  PRIMARY KEY (sha256, base_sha256)
) STRICT;

-- Handling events from other desks about a document this desk does not hold yet: kept, not
-- lost, until the document's entry arrives.
CREATE TABLE desk_waiting_events (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL,
  event TEXT NOT NULL                 -- shared/sync-protocol.ts deskEvent
) STRICT;

CREATE INDEX desk_waiting_events_document ON desk_waiting_events (document_id);
