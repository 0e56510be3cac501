// A document's open deadline, one definition for the register's "quá hạn"
// filter, search and the dashboard: the handling deadline once a leader has
// set one (NULL when that handling is completed), else the register's hạn
// giải quyết while the register does not mark it completed.

/** SQL for the open deadline of the documents row aliased `d`; NULL when there is none or it is done. */
export function openDeadlineSql(d: string): string {
  return `(CASE WHEN EXISTS (SELECT 1 FROM handling h WHERE h.document_id = ${d}.id AND h.due_on IS NOT NULL)
    THEN (SELECT CASE WHEN h.state = 'completed' THEN NULL ELSE h.due_on END FROM handling h WHERE h.document_id = ${d}.id)
    ELSE CASE WHEN ${d}.completed_on IS NULL THEN ${d}.due_on END END)`;
}
