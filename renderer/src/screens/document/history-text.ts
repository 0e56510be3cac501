// One line per history entry: what was done, in the clerk's words, with the
// detail that matters (which number, which fields, which signature).
import type { TFunction } from 'i18next';
import type { AuditEntryView } from '../../../../shared/api.ts';
import { formatDate } from '../../components/dates.ts';

type Detail = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** "CN=Nguyễn Văn An,O=…" → "Nguyễn Văn An". */
function commonName(subject: string): string {
  return /(?:^|,)CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

export function actionLabel(t: TFunction, action: string): string {
  return t(`history.action.${action.replace(/[.-]/g, '_')}`, { defaultValue: action });
}

export function historyDetail(t: TFunction, entry: AuditEntryView): string {
  const detail = (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Detail;
  switch (entry.action) {
    case 'incoming.register':
    case 'sync.receive':
      return detail.registerNumber === undefined
        ? ''
        : t('history.detail.registered', { number: str(detail.registerNumber), year: str(detail.registerYear) });
    case 'outgoing.issue':
      return t('history.detail.issued', { notation: str(detail.notation), date: formatDate(str(detail.issuedOn)) });
    case 'document.update': {
      const changes = detail.changes && typeof detail.changes === 'object' ? Object.keys(detail.changes) : [];
      return changes.map((field) => t(`meta.${field}`, { defaultValue: field })).join(', ');
    }
    case 'sync.update': {
      const fields = detail.fields && typeof detail.fields === 'object' ? Object.keys(detail.fields) : [];
      return fields.map((field) => t(`meta.${field}`, { defaultValue: field })).join(', ');
    }
    case 'document.sign':
      return t(`history.detail.sign_${detail.kind === 'organization' ? 'organization' : 'personal'}`, {
        signer: commonName(str(detail.signer)),
      });
    case 'attachment.add':
      return `${t(`attachments.role.${detail.role === 'main' ? 'main' : 'appendix'}`)}: ${str(detail.filename)}`;
    case 'workfile.add-document':
    case 'workfile.remove-document':
      return str(detail.workFileTitle);
    default:
      return '';
  }
}
