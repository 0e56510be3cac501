-- Sync with the provincial hub (server/PROTOCOL.md): this device's
-- enrollment, the change log that push sends, what came down, and the
-- history the sync panel shows.

-- One row once `connect` has enrolled this device.
CREATE TABLE sync_device (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  device_id TEXT NOT NULL,
  credential TEXT NOT NULL,           -- bearer secret; the hub keeps only its hash
  agency_code TEXT NOT NULL,
  holds_register INTEGER NOT NULL CHECK (holds_register IN (0, 1)),
  expires_at TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  pull_cursor INTEGER NOT NULL DEFAULT 0,   -- saved in the transaction that stores what it brought
  clock_offset_ms INTEGER NOT NULL DEFAULT 0,
  hlc TEXT                            -- the newest hybrid logical clock seen or issued here
) STRICT;

-- Written in the same transaction as the local write it reports. A change
-- leaves the queue only when the hub has answered for it.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,            -- UUIDv7: the hub's idempotency key
  hlc TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('document.issue', 'status.send', 'document.update')),
  document_id TEXT NOT NULL,
  payload TEXT,                       -- JSON; NULL for document.issue, built from the document when sent
  priority INTEGER NOT NULL,          -- 0 Hỏa tốc, 1 Thượng khẩn, 2 Khẩn, 3 Thường
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
  result_code TEXT,
  result_message TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
) STRICT;

CREATE INDEX changes_pending ON changes (priority, seq) WHERE state = 'pending';
CREATE INDEX changes_document ON changes (document_id);

-- Documents that came down from the hub keep the sender's id as their own,
-- so pulling the same item twice finds the first copy.
CREATE TABLE hub_documents (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  sender_code TEXT NOT NULL,
  feed_seq INTEGER NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

-- Recipients' status messages about documents this agency sent. Append-only,
-- keyed by the hub's feed seq so a page pulled twice adds nothing.
CREATE TABLE delivery_statuses (
  feed_seq INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  status_code TEXT NOT NULL,
  description TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

CREATE INDEX delivery_statuses_document ON delivery_statuses (document_id, at);

-- Per field, the HLC of the value this device holds (last writer wins).
CREATE TABLE field_clocks (
  document_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (document_id, field)
) STRICT;

-- A run killed before it finished keeps finished_at NULL; the next run marks it interrupted.
CREATE TABLE sync_runs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'line-up')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT CHECK (outcome IN ('ok', 'partial', 'failed', 'interrupted')),
  sent INTEGER NOT NULL DEFAULT 0,
  received INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  bytes_up INTEGER NOT NULL DEFAULT 0,
  bytes_down INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms INTEGER,
  error_code TEXT,
  error_detail TEXT
) STRICT;
