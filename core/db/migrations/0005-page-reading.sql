-- The text and layout of every PDF come from one reading of each page by
-- geometry (core/documents/page-reading.ts), or from OCR for pages without
-- usable text. `reading` says which version of that reading produced them:
-- rows stored before it (0) are read again after the upgrade, in the
-- background, so that old letters become findable too.
ALTER TABLE blobs ADD COLUMN reading INTEGER NOT NULL DEFAULT 0;
-- Where the text came from: the PDF's own text layer, OCR of pages that had
-- none, nothing usable, or OCR still to come.
ALTER TABLE blobs ADD COLUMN text_source TEXT NOT NULL DEFAULT 'pdf'
  CHECK (text_source IN ('pdf', 'ocr', 'none', 'pending'));
-- Why some of the text could not be read (OCR failed or timed out on a page), for the clerk.
ALTER TABLE blobs ADD COLUMN text_note TEXT;
-- The số/ký hiệu the letter prints on its first page ("Số: 27/KH-UBND"), so that a
-- số/ký hiệu search finds the letter by its own words too.
ALTER TABLE blobs ADD COLUMN printed_notation TEXT;

CREATE INDEX blobs_to_read ON blobs (reading, text_source);
