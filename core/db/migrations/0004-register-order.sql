-- The register tables of the desktop UI list newest first: register year, then
-- số đến / số đi, within one view (incoming; issued outgoing; drafts, whose
-- register columns are NULL, by seq alone). seq breaks the tie between a
-- register and its secret series. The filter columns ride along so that
-- counting a filtered view and skipping to a deep page read only the index,
-- never the table.
CREATE INDEX documents_register_order ON documents (
  direction, state, register_year, register_number, seq, doc_type, urgency, filed_on, due_on, completed_on
);
