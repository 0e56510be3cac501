-- The provincial hub: agencies and their devices, blobs each agency has
-- proved it holds, documents routed between agencies, and each agency's feed.

CREATE TABLE agencies (
  code text PRIMARY KEY,
  name text NOT NULL,
  parent_code text REFERENCES agencies (code),
  -- The last seq handed out in this agency's feed. Bumped with UPDATE … RETURNING
  -- in the writing transaction: the row lock is held until commit, so seqs
  -- become visible in order and a reader never skips one (a global sequence
  -- could show 10 committed before 9).
  feed_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One-time enrollment codes; only their SHA-256 is kept.
CREATE TABLE enroll_codes (
  code_hash text PRIMARY KEY,
  agency text NOT NULL REFERENCES agencies (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by uuid
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  agency text NOT NULL REFERENCES agencies (code),
  name text NOT NULL,
  secret_hash text NOT NULL,          -- SHA-256 of the bearer secret, hex
  holds_register boolean NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  acked_cursor integer NOT NULL DEFAULT 0
);
-- Only one device numbers an agency's registers, so numbers never clash offline.
CREATE UNIQUE INDEX devices_register_holder ON devices (agency) WHERE holds_register;

-- Complete blobs in the content-addressed store (<data>/blobs).
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Which agency has uploaded (proved it holds) which blob.
CREATE TABLE blob_claims (
  agency text NOT NULL REFERENCES agencies (code),
  sha256 text NOT NULL REFERENCES blobs (sha256),
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency, sha256)
);

-- Every change a device pushed and its outcome, so a replay changes nothing.
-- 'retry' outcomes are never stored.
CREATE TABLE applied_changes (
  agency text NOT NULL REFERENCES agencies (code),
  id uuid NOT NULL,
  device uuid NOT NULL REFERENCES devices (id),
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
  code text,
  message text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency, id)
);

-- Outgoing documents, keyed by the issuing agency and the document's id.
CREATE TABLE documents (
  owner text NOT NULL REFERENCES agencies (code),
  id uuid NOT NULL,
  envelope jsonb NOT NULL,
  recipients jsonb NOT NULL,
  change_id uuid NOT NULL,
  device uuid NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, id)
);

CREATE TABLE document_attachments (
  owner text NOT NULL,
  document_id uuid NOT NULL,
  ordinal integer NOT NULL,
  sha256 text NOT NULL REFERENCES blobs (sha256),
  size integer NOT NULL,
  filename text NOT NULL,
  role text NOT NULL,
  position integer NOT NULL,
  mime text NOT NULL,
  PRIMARY KEY (owner, document_id, ordinal),
  FOREIGN KEY (owner, document_id) REFERENCES documents (owner, id)
);
CREATE INDEX document_attachments_sha256 ON document_attachments (sha256);

CREATE TABLE deliveries (
  owner text NOT NULL,
  document_id uuid NOT NULL,
  recipient text NOT NULL REFERENCES agencies (code),
  status text NOT NULL CHECK (status IN ('queued', 'fetched')),
  feed_seq integer NOT NULL,
  fetched_at timestamptz,
  PRIMARY KEY (owner, document_id, recipient),
  FOREIGN KEY (owner, document_id) REFERENCES documents (owner, id)
);
CREATE INDEX deliveries_recipient ON deliveries (recipient, document_id);

-- edXML statuses are events: appended, never merged or overwritten.
CREATE TABLE status_events (
  change_id uuid NOT NULL,
  from_agency text NOT NULL REFERENCES agencies (code),
  owner text NOT NULL,
  document_id uuid NOT NULL,
  status_code text NOT NULL,
  description text NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_agency, change_id),
  FOREIGN KEY (owner, document_id) REFERENCES documents (owner, id)
);

-- Per agency and field, the value that won last-writer-wins. HLC strings sort
-- bytewise ("C" collation), whatever the server's locale.
CREATE TABLE document_fields (
  agency text NOT NULL REFERENCES agencies (code),
  document_id uuid NOT NULL,
  field text NOT NULL,
  value jsonb,
  hlc text COLLATE "C" NOT NULL,
  device uuid NOT NULL,
  PRIMARY KEY (agency, document_id, field)
);

CREATE TABLE feed (
  agency text NOT NULL REFERENCES agencies (code),
  seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('document', 'status', 'update')),
  item jsonb NOT NULL,                -- the feed item without its seq
  origin_device uuid,                 -- pull skips the item for the device that caused it
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency, seq)
);
