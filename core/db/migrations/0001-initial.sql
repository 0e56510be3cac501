-- The first schema: the office, its registers, documents and their PDFs, work
-- files, the search index and the audit chain. Columns follow the registers of
-- Decree 30/2020 Appendix IV (sổ đăng ký văn bản đến / đi).
CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  agency_code TEXT NOT NULL,          -- mã định danh, opaque (e.g. 000.00.31.H56)
  name TEXT NOT NULL,
  abbreviation TEXT NOT NULL,         -- organisation part of every notation: UBND
  default_unit TEXT NOT NULL,         -- drafting unit in a công văn notation: VP
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT,
  level INTEGER,
  updated_at TEXT NOT NULL
) STRICT;

-- Each register numbers its documents from 1 every calendar year. Secret
-- documents have their own series (Decree 30, Art. 15.1).
CREATE TABLE registers (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
  name TEXT NOT NULL
) STRICT;

INSERT INTO registers (id, direction, secret, name) VALUES
  ('incoming', 'incoming', 0, 'Sổ đăng ký văn bản đến'),
  ('incoming-secret', 'incoming', 1, 'Sổ đăng ký văn bản mật đến'),
  ('outgoing', 'outgoing', 0, 'Sổ đăng ký văn bản đi'),
  ('outgoing-secret', 'outgoing', 1, 'Sổ đăng ký văn bản mật đi');

CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,            -- filing order (rowid of documents_fts); a draft moves to the end when issued
  id TEXT NOT NULL UNIQUE,            -- UUIDv7, made offline
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  state TEXT NOT NULL CHECK (state IN ('registered', 'draft', 'issued')),
  doc_type TEXT NOT NULL,
  subject TEXT NOT NULL,              -- trích yếu
  notation TEXT,                      -- số, ký hiệu as written: 15/UBND-VP
  number INTEGER,                     -- outgoing: the number this office issued
  issued_on TEXT,                     -- ngày tháng văn bản
  issuer_name TEXT,                   -- tác giả / cơ quan ban hành
  issuer_code TEXT,
  register_id TEXT REFERENCES registers(id),
  register_year INTEGER,
  register_number INTEGER,            -- số đến / số đi
  arrived_on TEXT,                    -- ngày đến
  urgency TEXT NOT NULL CHECK (urgency IN ('thuong', 'khan', 'thuong-khan', 'hoa-toc')),
  secrecy TEXT NOT NULL CHECK (secrecy IN ('thuong', 'mat', 'toi-mat', 'tuyet-mat')),
  due_on TEXT,                        -- thời hạn giải quyết
  completed_on TEXT,
  recipient_unit TEXT,                -- đơn vị hoặc người nhận
  handed_on TEXT,                     -- ngày chuyển
  handed_receipt TEXT,                -- ký nhận
  signer_name TEXT,                   -- người ký
  signer_title TEXT,
  drafting_unit TEXT,
  archive_unit TEXT,                  -- đơn vị, người nhận bản lưu
  copies INTEGER,                     -- số lượng bản
  page_count INTEGER,
  notes TEXT,                         -- ghi chú
  dedupe_key TEXT,                    -- folded issuer | notation | issue date
  duplicate_of TEXT REFERENCES documents(id),
  created_on TEXT NOT NULL,           -- local calendar day it was entered (created_at is UTC)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The date the document entered its register: arrival, issue, or for a draft the day it was made.
  filed_on TEXT GENERATED ALWAYS AS (
    COALESCE(arrived_on, CASE WHEN state = 'issued' THEN issued_on END, created_on)
  ) STORED,
  UNIQUE (register_id, register_year, register_number),
  CHECK ((register_number IS NULL) = (register_year IS NULL))
) STRICT;

CREATE INDEX documents_filed ON documents (filed_on, seq);
CREATE INDEX documents_direction_filed ON documents (direction, filed_on, seq);
CREATE INDEX documents_open_due ON documents (due_on) WHERE due_on IS NOT NULL AND completed_on IS NULL;
CREATE INDEX documents_dedupe ON documents (dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE recipients (
  document_id TEXT NOT NULL REFERENCES documents(id),
  position INTEGER NOT NULL,
  agency_code TEXT,
  name TEXT,
  PRIMARY KEY (document_id, position),
  CHECK (agency_code IS NOT NULL OR name IS NOT NULL)
) STRICT;

-- One row per distinct PDF; the bytes live in blobs/ab/cdef… under the data dir.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  page_count INTEGER NOT NULL,
  text TEXT NOT NULL,                 -- extracted text layer, for the search index
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  role TEXT NOT NULL CHECK (role IN ('main', 'appendix')),
  position INTEGER NOT NULL,
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, position)
) STRICT;

CREATE UNIQUE INDEX attachments_one_main ON attachments (document_id) WHERE role = 'main';

CREATE TABLE work_files (
  id TEXT PRIMARY KEY,
  code TEXT,                          -- số và ký hiệu hồ sơ
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  keeper TEXT,                        -- người lập hồ sơ
  retention TEXT,                     -- thời hạn bảo quản
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE work_file_documents (
  work_file_id TEXT NOT NULL REFERENCES work_files(id),
  document_id TEXT NOT NULL REFERENCES documents(id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (work_file_id, document_id)
) STRICT;

CREATE INDEX work_file_documents_document ON work_file_documents (document_id);

-- Folded copies (no diacritics, đ→d) of what the clerk searches; rowid = documents.seq.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  subject, code, issuer, body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Each row carries the SHA-256 of the previous row's hash and its own content.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
