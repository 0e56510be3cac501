// Who sees a desk document, as one SQL condition shared by the feed, the blob
// downloads and the changes (PROTOCOL.md "Who sees what"): its parties, and
// the clerks and leaders when it is not secret. Kept in one place so the three
// can never disagree.

/**
 * True when official `person` (role `role`) may see document `documentId` of
 * `agency`. `secret` is the document's desk_documents.secret, NULL when the
 * hub holds no desk record of it (an outgoing document no desk has shared:
 * treated as not secret). With `seq`, for a feed item: a party sees the
 * items written since it was named (the earlier ones come to it as copies).
 * Arguments are SQL expressions, parameters included. Indexed: desk_parties'
 * primary key answers the EXISTS.
 */
export function deskDocumentVisibleSql(v: {
  agency: string;
  documentId: string;
  secret: string;
  person: string;
  role: string;
  seq?: string;
}): string {
  const since = v.seq === undefined ? '' : ` AND p.since_seq <= ${v.seq}`;
  return `(EXISTS (SELECT 1 FROM desk_parties p
                   WHERE p.agency = ${v.agency} AND p.document_id = ${v.documentId} AND p.person_id = ${v.person}${since})
           OR (${v.role} IN ('clerk', 'leader') AND NOT coalesce(${v.secret}, false)))`;
}
