import type { AuditEntryView, DocumentView, Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { registerFields } from '../../shared/domain.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { auditRowsFor } from '../db/audit.ts';
import { writeTransaction, type Db } from '../db/connection.ts';
import { getPerson } from '../db/people.ts';
import {
  findEarlierByDedupeKey,
  getDocumentRow,
  listRecipientRows,
  replaceRecipients,
  updateDocumentFields,
  type DocumentFields,
  type DocumentRow,
  type RecipientRow,
} from '../db/documents.ts';
import { recordUpdate } from '../sync/change-log.ts';
import { dateProblems, refuseProblems, type DateField } from './date-rules.ts';
import { duplicateKey } from './incoming.ts';
import { normalizeWrittenNotation } from './notation.ts';
import { reindexDocument } from './search-index.ts';
import { resolveDocumentType } from './types.ts';
import { requireDocument } from './require-document.ts';
import { toDocumentView } from './view.ts';

type UpdateInput = ValidInput<'documents.update'>;
type CorrectableField = Exclude<keyof UpdateInput, 'id' | 'reason' | 'confirmFutureIssuedOn'>;

/** Fields stored under the name the contract gives them. */
const SAME_NAME_FIELDS = [
  'issuerName',
  'issuerCode',
  'issuedOn',
  'arrivedOn',
  'secrecy',
  'subject',
  'urgency',
  'dueOn',
  'completedOn',
  'recipientUnit',
  'handedOn',
  'handedReceipt',
  'signerName',
  'signerTitle',
  'archiveUnit',
  'copies',
  'notes',
] as const satisfies readonly (CorrectableField & keyof DocumentFields)[];

// The register's own fields (shared/domain.ts) need a reason once the entry is numbered; a draft is
// not in a register yet: nothing needs a reason.
const REGISTER_FIELDS: ReadonlySet<string> = new Set<CorrectableField>(registerFields);

/** What the search index reads from the row (search-index.ts): a change to any of them rewrites its entry. */
const INDEXED_FIELDS: ReadonlySet<string> = new Set(['issuerName', 'notation', 'subject', 'type']);

type Kind = 'incoming' | 'draft' | 'issued';

const OWN_ISSUER = 'Văn bản đi do chính cơ quan này ban hành; tên và mã định danh của cơ quan sửa trong Cài đặt.';
const NO_ARRIVAL = 'Văn bản đi không có ngày đến.';

/** Fields that do not exist for a kind of document, with what the clerk is told. */
const NOT_FOR: Partial<Record<CorrectableField, Partial<Record<Kind, string>>>> = {
  issuerName: { draft: OWN_ISSUER, issued: OWN_ISSUER },
  issuerCode: { draft: OWN_ISSUER, issued: OWN_ISSUER },
  arrivedOn: { draft: NO_ARRIVAL, issued: NO_ARRIVAL },
  issuedOn: { draft: 'Dự thảo chưa có ngày văn bản: ngày được ghi khi cấp số.' },
  notation: { draft: 'Dự thảo chưa có số, ký hiệu: số được cấp khi phát hành.' },
  recipients: {
    incoming: 'Văn bản đến không ghi nơi nhận; đơn vị hoặc người nhận ghi ở ô "Đơn vị nhận".',
  },
};

/**
 * Corrects or completes a document's register entry: every field the clerk
 * typed (cơ quan ban hành, số/ký hiệu, ngày văn bản, ngày đến, loại, độ mật,
 * trích yếu, nơi nhận…) and what is filled in as the work goes (ngày chuyển,
 * ký nhận, hạn, ghi chú…). The audit row — the document's history — keeps the
 * old and new value of every field that changed and the reason; a request that
 * changes nothing writes nothing, not even with a reason.
 *
 * The số đến / số đi, its register and its year never change: numbers are
 * gap-free per register and year (Decree 30, Art. 15 and 22), so renumbering
 * would leave a hole or a second entry under one number. In particular:
 * - ngày đến (or an issued document's ngày văn bản) corrected into another
 *   year keeps the entry under the number and year it was given: the register
 *   filtered by year still shows it there, while its date, the dashboard's
 *   months and a printed period follow the corrected date;
 * - độ mật corrected across the ordinary/secret line keeps the entry in the
 *   register that numbered it;
 * - the type of an issued outgoing document is corrected without renumbering
 *   it, and its số, ký hiệu stays as issued (it is what the recipients hold):
 *   the clerk corrects the ký hiệu by hand if it must change, its number kept.
 *
 * Nơi nhận of an outgoing document is replaced as a whole. Its electronic
 * delivery was decided when it was issued: an issue still waiting in the sync
 * queue goes to the corrected agencies, one the hub already has is not sent again.
 *
 * Only subject, hạn, ngày xong, ghi chú and đơn vị nhận travel to the office's
 * other devices (recordUpdate): they are the mutable fields of sync protocol v1
 * (shared/sync-protocol.ts), which the hub merges by name and drops any other
 * of; carrying issuer, số/ký hiệu, dates, type, độ mật or nơi nhận would need
 * the protocol and the hub extended. The other corrections stay on this machine.
 */
export function updateDocument(core: Core, input: UpdateInput): DocumentView {
  const now = core.now();
  const today = localDate(now);
  return writeTransaction(core.db, () => {
    const before = requireDocument(core.db, input.id);
    const kind: Kind = before.direction === 'incoming' ? 'incoming' : before.state === 'draft' ? 'draft' : 'issued';
    const { changes, audit, recipients } = requestedChanges(core, before, input);
    if (Object.keys(audit).length === 0) return toDocumentView(core.db, before, today);

    const fields: Record<string, string> = {};
    for (const field of Object.keys(audit) as CorrectableField[]) {
      const refusal = NOT_FOR[field]?.[kind];
      if (refusal) fields[field] = refusal;
    }
    if (kind === 'issued' && changes.notation !== undefined && !keepsNumber(changes.notation, before.number)) {
      fields.notation = `Số, ký hiệu phải giữ số ${String(before.number).padStart(2, '0')} đã cấp (số đi không đổi); chỉ sửa phần ký hiệu sau dấu "/".`;
    }
    const after = { ...before, ...changes };
    const dates = dateProblems({
      dates: { issuedOn: after.issuedOn, arrivedOn: after.arrivedOn, dueOn: after.dueOn },
      changed: new Set((['issuedOn', 'arrivedOn', 'dueOn'] as DateField[]).filter((field) => field in audit)),
      dueFrom: kind === 'incoming' ? 'arrivedOn' : kind === 'issued' ? 'issuedOn' : null,
      today,
      confirmFutureIssuedOn: input.confirmFutureIssuedOn,
    });
    const corrected = Object.keys(audit).filter((field) => REGISTER_FIELDS.has(field));
    if (kind !== 'draft' && corrected.length > 0 && !input.reason) {
      fields.reason = `Ghi lý do sửa: văn bản đã vào sổ (số ${kind === 'incoming' ? 'đến' : 'đi'} ${before.registerNumber}/${before.registerYear}); lý do được lưu trong lịch sử cùng giá trị cũ và mới.`;
    }
    refuseProblems({ fields: { ...dates.fields, ...fields }, unconfirmed: dates.unconfirmed }, `update ${before.id}`);

    // The duplicate check of the next registration and of prefill looks entries up by this key.
    if (kind === 'incoming' && ('issuerName' in audit || 'notation' in audit || 'issuedOn' in audit)) {
      changes.dedupeKey = duplicateKey(after.issuerName ?? '', after.notation ?? '', after.issuedOn ?? '');
      const repeats = findEarlierByDedupeKey(core.db, changes.dedupeKey, before.seq)?.id ?? null;
      if (repeats !== before.duplicateOf) {
        changes.duplicateOf = repeats;
        audit.duplicateOf = [before.duplicateOf, repeats];
      }
    }
    updateDocumentFields(core.db, before.id, { ...changes, updatedAt: now.toISOString() });
    if (recipients) replaceRecipients(core.db, before.id, recipients);
    recordUpdate(core, before, changes);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'document.update',
        entity: 'document',
        entityId: before.id,
        detail: { changes: audit, ...(input.reason ? { reason: input.reason } : {}) },
      },
      now,
    );
    const row = getDocumentRow(core.db, before.id)!;
    if (Object.keys(audit).some((field) => INDEXED_FIELDS.has(field))) reindexDocument(core.db, row);
    return toDocumentView(core.db, row, today);
  });
}

/** The fields whose value the request changes, as stored and as the history shows them. */
function requestedChanges(
  core: Core,
  before: DocumentRow,
  input: UpdateInput,
): {
  changes: Partial<DocumentFields>;
  audit: Record<string, [unknown, unknown]>;
  recipients: RecipientRow[] | null;
} {
  const changes: Partial<DocumentFields> = {};
  const audit: Record<string, [unknown, unknown]> = {};
  const wanted: Partial<DocumentFields> = {};
  for (const field of SAME_NAME_FIELDS)
    if (input[field] !== undefined) Object.assign(wanted, { [field]: input[field] });
  if (input.notation !== undefined) wanted.notation = normalizeWrittenNotation(input.notation);
  for (const [field, value] of Object.entries(wanted) as [keyof DocumentFields, unknown][]) {
    if (before[field] === value) continue;
    Object.assign(changes, { [field]: value });
    audit[field] = [before[field], value];
  }
  if (input.type !== undefined) {
    const docType = resolveDocumentType(input.type).key;
    if (docType !== before.docType) {
      changes.docType = docType;
      audit.type = [before.docType, docType];
    }
  }
  let recipients: RecipientRow[] | null = null;
  if (input.recipients !== undefined) {
    const old = listRecipientRows(core.db, before.id);
    const next = input.recipients.map((recipient) =>
      'agencyCode' in recipient
        ? { agencyCode: recipient.agencyCode, name: null }
        : { agencyCode: null, name: recipient.name },
    );
    if (JSON.stringify(old) !== JSON.stringify(next)) {
      recipients = next;
      audit.recipients = [old, next];
    }
  }
  return { changes, audit, recipients };
}

/** "01/TB-UBND" keeps the number 1; "02/TB-UBND" or "TB-UBND" does not. */
function keepsNumber(notation: string | null, number: number | null): boolean {
  const written = /^(\d+)\//.exec(notation ?? '');
  return written !== null && Number(written[1]) === number;
}

export function documentHistory(core: Core, input: ValidInput<'documents.history'>): Outputs['documents.history'] {
  requireDocument(core.db, input.id);
  return {
    entries: auditRowsFor(core.db, input.id).map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      person: officialRef(core.db, row.personId),
      action: row.action,
      detail: JSON.parse(row.detail) as unknown,
    })),
  };
}

function officialRef(db: Db, personId: string | null): AuditEntryView['person'] {
  const person = personId === null ? undefined : getPerson(db, personId);
  return person ? { id: person.id, name: person.name, title: person.title } : null;
}
