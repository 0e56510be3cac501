// The edit dialog's form values and what documents.update is sent: only the
// fields that changed, so the history shows exactly what was corrected.
import type { DocumentView, HandlerInput } from '../../../../shared/api.ts';
import { registerFields, type Secrecy, type Urgency } from '../../../../shared/domain.ts';
import { dateValue } from '../../components/DateInput.tsx';
import { formatDate } from '../../components/dates.ts';
import { fromRecipients, toRecipients, type PickedRecipient } from '../outgoing/RecipientPicker.tsx';

export interface EditValues {
  issuerName: string;
  issuerCode: string;
  notation: string;
  issuedOn: string;
  confirmFutureIssuedOn?: boolean;
  arrivedOn: string;
  type: string;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueOn: string;
  completedOn: string;
  recipientUnit: string;
  handedOn: string;
  handedReceipt: string;
  recipients: PickedRecipient[];
  signerName: string;
  signerTitle: string;
  archiveUnit: string;
  copies: number | null;
  notes: string;
  reason: string;
}

/** The register's own fields (shared/domain.ts): once the entry has its number, changing one needs a reason. */
export const registerFieldSet: ReadonlySet<string> = new Set(registerFields);

const dateFields = ['issuedOn', 'arrivedOn', 'dueOn', 'completedOn', 'handedOn'] as const;
const textFields = [
  'issuerName',
  'notation',
  'subject',
  'recipientUnit',
  'handedReceipt',
  'signerName',
  'signerTitle',
  'archiveUnit',
  'notes',
] as const;

export function valuesOf(document: DocumentView): EditValues {
  return {
    issuerName: document.issuerName ?? '',
    issuerCode: document.issuerCode ?? '',
    notation: document.notation ?? '',
    issuedOn: formatDate(document.issuedOn),
    confirmFutureIssuedOn: false,
    arrivedOn: formatDate(document.arrivedOn),
    type: document.type,
    subject: document.subject,
    urgency: document.urgency,
    secrecy: document.secrecy,
    dueOn: formatDate(document.dueOn),
    completedOn: formatDate(document.completedOn),
    recipientUnit: document.recipientUnit ?? '',
    handedOn: formatDate(document.handedOn),
    handedReceipt: document.handedReceipt ?? '',
    recipients: fromRecipients(document.recipients),
    signerName: document.signerName ?? '',
    signerTitle: document.signerTitle ?? '',
    archiveUnit: document.archiveUnit ?? '',
    copies: document.copies,
    notes: document.notes ?? '',
    reason: '',
  };
}

const sameRecipients = (a: readonly PickedRecipient[], b: readonly PickedRecipient[]) =>
  a.length === b.length && a.every((item, index) => item.value === b[index]?.value);

/**
 * The update input: the fields shown in the form (`shown`) whose value differs
 * from the document's. Fields of the other direction are not on the form and never sent.
 */
export function changesOf(
  document: DocumentView,
  values: Partial<EditValues>,
  shown: ReadonlySet<string>,
): HandlerInput<'documents.update'> {
  const input: HandlerInput<'documents.update'> = { id: document.id };
  const before = valuesOf(document);
  for (const field of dateFields) {
    const value = values[field];
    // A required date (ngày văn bản, ngày đến) is never cleared: an empty one is left as it was.
    if (!shown.has(field) || value === undefined || value.trim() === before[field]) continue;
    const next = dateValue(value) ?? null;
    if (next === null && (field === 'issuedOn' || field === 'arrivedOn')) continue;
    Object.assign(input, { [field]: next });
  }
  for (const field of textFields) {
    const value = values[field]?.trim();
    if (shown.has(field) && value !== undefined && value !== before[field]) Object.assign(input, { [field]: value });
  }
  if (shown.has('issuerName') && values.issuerCode !== undefined && values.issuerCode !== before.issuerCode) {
    input.issuerCode = values.issuerCode === '' ? null : values.issuerCode;
  }
  if (values.type !== undefined && values.type !== before.type) input.type = values.type;
  if (values.urgency !== undefined && values.urgency !== before.urgency) input.urgency = values.urgency;
  if (values.secrecy !== undefined && values.secrecy !== before.secrecy) input.secrecy = values.secrecy;
  if (shown.has('recipients') && values.recipients && !sameRecipients(values.recipients, before.recipients)) {
    input.recipients = toRecipients(values.recipients);
  }
  if (shown.has('copies') && values.copies !== undefined && values.copies !== null && values.copies !== before.copies)
    input.copies = values.copies;
  return input;
}

/** Whether the changes correct the register line itself (then the reason is asked). */
export function correctsRegister(input: HandlerInput<'documents.update'>): boolean {
  return Object.keys(input).some((field) => registerFieldSet.has(field));
}
