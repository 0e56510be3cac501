-- Digital signing: settings, the signature and seal images shown on signatures,
-- the signatures this office made, earlier versions of signed PDFs, and the
-- last verification of each attachment's signatures.
-- Where the text sits on the last pages of each PDF (JSON), read once when the
-- PDF is stored, so a signature can be placed under the signer's title without
-- parsing the PDF again.
ALTER TABLE blobs ADD COLUMN layout TEXT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,                -- JSON
  updated_at TEXT NOT NULL
) STRICT;

-- Decree 30 Appendix I: the signer's handwritten signature (blue) and the
-- agency's seal (red, at its real size), both PNG with a transparent background.
CREATE TABLE signature_images (
  owner TEXT PRIMARY KEY,             -- 'user:<signer name, folded>' or 'agency'
  kind TEXT NOT NULL CHECK (kind IN ('signature', 'seal')),
  png BLOB NOT NULL,
  width_px INTEGER NOT NULL,
  height_px INTEGER NOT NULL,
  size_mm REAL,                       -- the seal's real diameter
  updated_at TEXT NOT NULL
) STRICT;

-- A signed PDF is a new blob; the attachment points to it and the bytes it
-- replaced stay here, so every earlier state of a document can be shown.
CREATE TABLE attachment_versions (
  attachment_id TEXT NOT NULL REFERENCES attachments(id),
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  replaced_at TEXT NOT NULL,
  replaced_by TEXT NOT NULL,          -- the signature that superseded it
  PRIMARY KEY (attachment_id, version)
) STRICT;

CREATE TABLE signatures (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  attachment_id TEXT NOT NULL REFERENCES attachments(id),
  kind TEXT NOT NULL CHECK (kind IN ('personal', 'organization')),
  field_name TEXT NOT NULL,
  signer_name TEXT,
  signer_subject TEXT NOT NULL,
  signer_issuer TEXT NOT NULL,
  signer_serial TEXT NOT NULL,
  certificate_sha256 TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('B-B', 'B-T')),
  timestamp_at TEXT,
  blob_before TEXT NOT NULL REFERENCES blobs(sha256),
  blob_after TEXT NOT NULL REFERENCES blobs(sha256),
  page INTEGER NOT NULL,              -- 1-based
  box TEXT NOT NULL,                  -- JSON {x,y,width,height} in PDF points
  image_box TEXT,                     -- JSON: where the signer's image or the seal sits
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX signatures_document ON signatures (document_id, created_at);
CREATE INDEX signatures_attachment ON signatures (attachment_id, created_at);
-- The organization signs a file once, last (Decree 30, Art. 32-33).
CREATE UNIQUE INDEX signatures_one_organization ON signatures (attachment_id) WHERE kind = 'organization';

-- What the last `verify` found for an attachment's current bytes.
CREATE TABLE signature_checks (
  attachment_id TEXT NOT NULL REFERENCES attachments(id),
  sha256 TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  verdicts TEXT NOT NULL,             -- JSON array of SignatureVerdict
  PRIMARY KEY (attachment_id, sha256)
) STRICT;
