// One entry per recorded action: what was done, in the clerk's words, with the
// detail that matters (which number, which fields and their old and new
// values, why, which signature), and who did it.
import type { TFunction } from 'i18next';
import type { AuditEntryView } from '../../../../shared/api.ts';
import { findDocumentType, secrecies, urgencies } from '../../../../shared/domain.ts';
import { formatDate } from '../../components/dates.ts';

type Detail = Record<string, unknown>;
type T = TFunction<['document', 'common']>;

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const detailOf = (entry: AuditEntryView): Detail =>
  (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Detail;

/** "CN=Nguyễn Văn An,O=…" → "Nguyễn Văn An". */
function commonName(subject: string): string {
  return /(?:^|,)CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

export function actionLabel(t: T, action: string): string {
  return t(`history.action.${action.replace(/[.-]/g, '_')}`, { defaultValue: action });
}

/**
 * Who did it: the official at the desk when the agency lists its officials;
 * before that, the official whose token signed, otherwise the clerk at this
 * PC. Core records the computer account (often "root" or "Administrator"),
 * which says nothing to a reader: it stays in the tooltip for a technician.
 */
export function historyActor(t: T, entry: AuditEntryView): { name: string; account: string } {
  if (entry.person) return { name: entry.person.name, account: entry.actor };
  const detail = detailOf(entry);
  if (entry.action === 'document.sign' && str(detail.signer)) {
    return { name: commonName(str(detail.signer)), account: entry.actor };
  }
  return { name: t('history.actor.clerk'), account: entry.actor };
}

const dateFields = new Set(['issuedOn', 'arrivedOn', 'dueOn', 'completedOn', 'handedOn']);
const MAX_VALUE = 90;

/** A field's value as the history shows it: dates as dd/mm/yyyy, codes as words, nothing as "(trống)". */
function valueText(t: T, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (Array.isArray(value)) {
    const names = value.map((item: unknown) =>
      item && typeof item === 'object' ? str((item as Detail).name) || str((item as Detail).agencyCode) : str(item),
    );
    return names.filter(Boolean).join('; ') || t('history.empty');
  }
  let text = str(value);
  if (dateFields.has(field)) text = formatDate(text);
  else if (field === 'type') text = findDocumentType(text)?.name ?? text;
  else if (field === 'urgency' && (urgencies as readonly string[]).includes(text))
    text = t(`common:urgency.${text as (typeof urgencies)[number]}`);
  else if (field === 'secrecy' && (secrecies as readonly string[]).includes(text))
    text = t(`common:secrecy.${text as (typeof secrecies)[number]}`);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The entry's detail as lines: a summary, or for a correction each field's old → new value and the reason. */
export function historyDetail(t: T, entry: AuditEntryView): string[] {
  const detail = detailOf(entry);
  switch (entry.action) {
    case 'incoming.register':
    case 'sync.receive':
      return detail.registerNumber === undefined
        ? []
        : [t('history.detail.registered', { number: str(detail.registerNumber), year: str(detail.registerYear) })];
    case 'outgoing.issue':
      return [t('history.detail.issued', { notation: str(detail.notation), date: formatDate(str(detail.issuedOn)) })];
    case 'document.update': {
      const changes = (detail.changes && typeof detail.changes === 'object' ? detail.changes : {}) as Record<
        string,
        unknown
      >;
      const lines = Object.entries(changes).map(([field, change]) => {
        const label = t(`meta.${field}`, { defaultValue: field });
        if (!Array.isArray(change) || change.length !== 2) return label;
        return t('history.detail.changed', {
          field: label,
          from: valueText(t, field, change[0]),
          to: valueText(t, field, change[1]),
        });
      });
      if (str(detail.reason)) lines.push(t('history.detail.reason', { reason: str(detail.reason) }));
      return lines;
    }
    case 'sync.update': {
      const fields = detail.fields && typeof detail.fields === 'object' ? Object.keys(detail.fields) : [];
      return fields.length > 0 ? [fields.map((field) => t(`meta.${field}`, { defaultValue: field })).join(', ')] : [];
    }
    case 'document.sign':
      return [
        t(`history.detail.sign_${detail.kind === 'organization' ? 'organization' : 'personal'}`, {
          signer: commonName(str(detail.signer)),
        }),
      ];
    case 'attachment.add':
      return [`${t(`attachments.role.${detail.role === 'main' ? 'main' : 'appendix'}`)}: ${str(detail.filename)}`];
    case 'workfile.add-document':
    case 'workfile.remove-document':
      return [str(detail.workFileTitle)];
    default:
      return [];
  }
}
