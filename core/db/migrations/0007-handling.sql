-- The officials of the agency and the handling of its documents (Decree 30
-- Art. 10–24): who submitted, directed, assigned, received, extended, returned,
-- completed, approved. The events are the record; `handling` and
-- `handling_parties` are derived from them and can always be rebuilt.
CREATE TABLE people (
  id TEXT PRIMARY KEY,                -- UUIDv7
  name TEXT NOT NULL,
  title TEXT,                         -- chức vụ: Chủ tịch UBND xã, Công chức Văn phòng - Thống kê
  unit TEXT,                          -- đơn vị: Văn phòng HĐND và UBND, Phòng Kinh tế
  role TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'officer')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash TEXT,                 -- scrypt, never the password; NULL: switches in without one
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE handling_events (
  id TEXT PRIMARY KEY,                -- UUIDv7
  document_id TEXT NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  at TEXT NOT NULL,                   -- UTC, this PC's clock
  hlc TEXT NOT NULL,                  -- the order the state is derived in
  detail TEXT NOT NULL                -- JSON, by kind (shared/handling.ts)
) STRICT;

CREATE INDEX handling_events_document ON handling_events (document_id, hlc);

CREATE TRIGGER handling_events_no_update BEFORE UPDATE ON handling_events
BEGIN SELECT RAISE(ABORT, 'handling_events is append-only'); END;
CREATE TRIGGER handling_events_no_delete BEFORE DELETE ON handling_events
BEGIN SELECT RAISE(ABORT, 'handling_events is append-only'); END;

-- One row per document that has handling events: what the register shows and filters on.
CREATE TABLE handling (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  state TEXT NOT NULL,
  main_person_id TEXT REFERENCES people(id),
  due_on TEXT,
  assigned_on TEXT,                   -- local day of the first assignment (the report's "received")
  completed_on TEXT,
  updated_hlc TEXT NOT NULL
) STRICT;

CREATE INDEX handling_state ON handling (state, due_on);
CREATE INDEX handling_main ON handling (main_person_id, state);

-- Who the document waits on or concerns now, and as what: the source of "Việc của tôi".
CREATE TABLE handling_parties (
  document_id TEXT NOT NULL REFERENCES documents(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('main', 'with', 'inform', 'approve', 'direct')),
  PRIMARY KEY (document_id, person_id, role)
) STRICT;

CREATE INDEX handling_parties_person ON handling_parties (person_id, role);

-- The government's yearly arrangements on top of the holidays computed in
-- code: extra days off (Tết, the second Quốc khánh day) and Saturdays worked.
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,               -- yyyy-mm-dd
  kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
  note TEXT NOT NULL,
  source TEXT,                        -- the notice it comes from
  added_at TEXT NOT NULL
) STRICT;

-- The official who acted, beside the computer account; NULL before officials existed.
ALTER TABLE audit_log ADD COLUMN person_id TEXT;
