// The wire contract between a commune's vanthu and the provincial hub
// (server/PROTOCOL.md explains it in prose). Both sides validate every
// message against these schemas: the hub what devices send, the client what
// the hub replies, so a malformed reply is an error value, never a crash.
import { z } from 'zod';
import { directions, secrecies, urgencies } from './domain.ts';
import { handlingEventKinds, personRoles } from './handling-words.ts';

export const PROTOCOL_VERSION = 1;
/** Sent on every request; the hub refuses other versions with 400 PROTOCOL_UNSUPPORTED. */
export const PROTOCOL_HEADER = 'vanthu-protocol';

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lowercase hex digits');
/** Mã định danh: opaque (never parsed), String(13) in Decree 30 Appendix VI but kept loose for re-coded communes. */
export const agencyCode = z.string().regex(/^(?=.*[0-9A-Za-z])[0-9A-Za-z.]{1,32}$/, 'agency code');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'UUID');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const isoTime = z
  .string()
  .datetime({ offset: true })
  .refine((value) => value >= '1970', 'time before 1970');
/** Hybrid logical clock: ISO millis, 4-hex counter, 16-hex node: sorts as a string. */
export const hlcString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/, 'HLC');
// What PostgreSQL cannot store in text (NUL, half a surrogate pair) is refused here, not by the database.
// eslint-disable-next-line no-control-regex -- NUL is the character PostgreSQL text refuses
const STORABLE = /^[^\u0000\uD800-\uDFFF]*(?:(?:[\uD800-\uDBFF][\uDC00-\uDFFF])[^\u0000\uD800-\uDFFF]*)*$/;
const text = (max: number) => z.string().max(max).regex(STORABLE, 'text with NUL or a broken surrogate pair');

/** edXML status codes (QCVN 102 §1.6) a recipient sends back to the sender. */
export const statusCodes = ['01', '02', '03', '04', '05', '06'] as const;
export type StatusCode = (typeof statusCodes)[number];
export const statusLabels: Record<StatusCode, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã vào sổ',
  '04': 'Đã phân công xử lý',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
};

// ---- enrollment and directory ---------------------------------------------

export const enrollRequest = z.object({
  code: z.string().min(8).max(64),
  deviceName: text(100),
});
export const enrollReply = z.object({
  deviceId: uuid,
  /** `<deviceId>.<secret>`; the hub keeps only the SHA-256 of the secret. */
  credential: z.string().min(40).max(200),
  agency: z.object({ code: agencyCode, name: text(300), parentCode: agencyCode.nullable() }),
  /** Only this device may number documents in the agency's registers. */
  holdsRegister: z.boolean(),
  /** The official this desktop is enrolled for; absent for an agency-wide device (the shared office PC). */
  person: z
    .lazy(() => personRecord)
    .nullable()
    .optional(),
  expiresAt: isoTime,
  hubTime: isoTime,
});

export const directoryReply = z.object({
  agencies: z.array(z.object({ code: agencyCode, name: text(300), parentCode: agencyCode.nullable() })).max(100_000),
  hubTime: isoTime,
});

// ---- blobs ----------------------------------------------------------------

export const MAX_BLOB_BYTES = 200 * 1024 * 1024;

export const missingRequest = z.object({ hashes: z.array(sha256Hex).max(2000) });
export const missingReply = z.object({
  /** Hashes this agency has not completed on the hub, with the bytes the hub already holds of each. */
  missing: z.array(z.object({ sha256: sha256Hex, offset: z.number().int().nonnegative() })),
  hubTime: isoTime,
});

export const uploadState = z.object({
  offset: z.number().int().nonnegative(),
  complete: z.boolean(),
});

// ---- changes (push) -------------------------------------------------------

export const documentEnvelope = z.object({
  id: uuid,
  docType: text(16),
  subject: text(2000).min(1),
  notation: text(100),
  number: z.number().int().positive(),
  issuedOn: isoDate,
  issuerName: text(300),
  urgency: z.enum(urgencies),
  secrecy: z.enum(secrecies),
  dueOn: isoDate.nullable(),
  signerName: text(200).nullable(),
  signerTitle: text(200).nullable(),
  pageCount: z.number().int().nonnegative().nullable(),
});
export type DocumentEnvelope = z.infer<typeof documentEnvelope>;

export const attachmentRef = z.object({
  sha256: sha256Hex,
  size: z.number().int().positive().max(MAX_BLOB_BYTES),
  filename: text(255).min(1),
  role: z.enum(['main', 'appendix']),
  position: z.number().int().nonnegative().max(1000),
  mime: text(100),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

/** Metadata a device may change after the fact; merged per field, last writer (by HLC) wins. */
export const mutableFields = z
  .object({
    subject: text(2000).min(1),
    dueOn: isoDate.nullable(),
    completedOn: isoDate.nullable(),
    notes: text(4000).nullable(),
    recipientUnit: text(300).nullable(),
  })
  .partial()
  .refine((fields) => Object.keys(fields).length > 0, 'no field');
export type MutableFields = z.infer<typeof mutableFields>;
export const mutableFieldNames = ['subject', 'dueOn', 'completedOn', 'notes', 'recipientUnit'] as const;

// ---- the desks of one agency ---------------------------------------------

/** An official as the hub and every desk of the agency know them; passwords stay on each desk. */
export const personRecord = z.object({
  id: uuid,
  name: text(200).min(1),
  title: text(200).nullable(),
  unit: text(300).nullable(),
  role: z.enum(personRoles),
  active: z.boolean(),
});
export type PersonRecord = z.infer<typeof personRecord>;

/** A document's register entry as one desk holds it, for the agency's other desks. */
export const deskDocument = z.object({
  id: uuid,
  direction: z.enum(directions),
  state: z.enum(['registered', 'draft', 'issued']),
  docType: text(16),
  subject: text(2000),
  notation: text(100).nullable(),
  number: z.number().int().positive().nullable(),
  issuedOn: isoDate.nullable(),
  issuerName: text(300).nullable(),
  issuerCode: text(32).nullable(),
  registerId: text(64).nullable(),
  registerYear: z.number().int().nullable(),
  registerNumber: z.number().int().positive().nullable(),
  arrivedOn: isoDate.nullable(),
  urgency: z.enum(urgencies),
  secrecy: z.enum(secrecies),
  dueOn: isoDate.nullable(),
  completedOn: isoDate.nullable(),
  recipientUnit: text(300).nullable(),
  handedOn: isoDate.nullable(),
  handedReceipt: text(300).nullable(),
  signerName: text(200).nullable(),
  signerTitle: text(200).nullable(),
  draftingUnit: text(300).nullable(),
  archiveUnit: text(300).nullable(),
  copies: z.number().int().nonnegative().nullable(),
  pageCount: z.number().int().nonnegative().nullable(),
  notes: text(4000).nullable(),
  duplicateOf: uuid.nullable(),
  createdOn: isoDate,
  createdAt: isoTime,
  updatedAt: isoTime,
  recipients: z.array(z.object({ agencyCode: text(32).nullable(), name: text(300).nullable() })).max(500),
  /** For a document the hub delivered to this agency: who sent it (the hub sends 04/05/06 back to them). */
  hubSender: agencyCode.nullable(),
  /** The signatures made on this agency's desks: the organization signs after a personal one, beside it. */
  signatures: z
    .array(z.lazy(() => deskSignature))
    .max(100)
    .default([]),
});
export type DeskDocument = z.infer<typeof deskDocument>;

/** A signature one desk made, as its signatures row holds it (core/db/signing.ts). */
export const deskSignature = z.object({
  id: uuid,
  attachmentId: uuid,
  kind: z.enum(['personal', 'organization']),
  fieldName: text(100),
  signerName: text(200).nullable(),
  signerSubject: text(2000),
  signerIssuer: text(2000),
  signerSerial: text(200),
  certificateSha256: sha256Hex,
  signedAt: isoTime,
  level: z.enum(['B-B', 'B-T']),
  timestampAt: isoTime.nullable(),
  blobBefore: sha256Hex,
  blobAfter: sha256Hex,
  page: z.number().int().positive(),
  box: text(200),
  imageBox: text(200).nullable(),
  createdAt: isoTime,
});
export type DeskSignature = z.infer<typeof deskSignature>;

/**
 * An attachment of a desk document. `base` names the earlier version this one
 * extends (a signature or number added as an incremental update): the bytes
 * start with the base's bytes, so only the appended bytes need to travel.
 */
export const deskAttachment = z.object({
  id: uuid,
  sha256: sha256Hex,
  size: z.number().int().positive().max(MAX_BLOB_BYTES),
  filename: text(255).min(1),
  role: z.enum(['main', 'appendix']),
  position: z.number().int().nonnegative().max(1000),
  mime: text(100),
  base: z.object({ sha256: sha256Hex, size: z.number().int().positive() }).nullable(),
});
export type DeskAttachment = z.infer<typeof deskAttachment>;

/** Detail of a handling event: who it names and what it sets (core/workflow/handling-state.ts). */
export const deskEventDetail = z
  .object({
    note: text(4000).nullable(),
    to: uuid,
    main: uuid,
    with: z.array(uuid).max(100),
    inform: z.array(uuid).max(100),
    dueOn: isoDate,
    reason: text(4000).nullable(),
    replyDraftId: uuid.nullable(),
    sha256: sha256Hex,
    /** The newest event HLC of this document the author's desk knew: two events on the same basis are concurrent. */
    basis: hlcString.nullable(),
  })
  .partial();

export const deskEvent = z.object({
  id: uuid,
  documentId: uuid,
  kind: z.enum(handlingEventKinds),
  personId: uuid,
  at: isoTime,
  hlc: hlcString,
  detail: deskEventDetail,
});
export type DeskEvent = z.infer<typeof deskEvent>;

const changeBase = { id: uuid, hlc: hlcString };

export const change = z.discriminatedUnion('op', [
  /** An outgoing document this agency issued, to route to its recipients. */
  z.object({
    ...changeBase,
    op: z.literal('document.issue'),
    document: documentEnvelope,
    attachments: z.array(attachmentRef).min(1).max(50),
    recipients: z.array(agencyCode).min(1).max(500),
  }),
  /** A recipient's status message about a document another agency sent it. */
  z.object({
    ...changeBase,
    op: z.literal('status.send'),
    documentId: uuid,
    senderCode: agencyCode,
    statusCode: z.enum(statusCodes),
    description: text(500),
    at: isoTime,
  }),
  /** Metadata of one of the agency's documents, for its other devices. */
  z.object({
    ...changeBase,
    op: z.literal('document.update'),
    documentId: uuid,
    fields: mutableFields,
  }),
  /** An official added or changed by the agency's clerk; last writer (by HLC) wins. */
  z.object({
    ...changeBase,
    op: z.literal('person.put'),
    person: personRecord,
  }),
  /** A document's register entry and files, for the desks it concerns; the newest HLC wins. */
  z.object({
    ...changeBase,
    op: z.literal('desk.document'),
    document: deskDocument,
    attachments: z.array(deskAttachment).max(50),
  }),
  /** One handling event, recorded by the official it names; the change id is the event id. */
  z.object({
    ...changeBase,
    op: z.literal('desk.event'),
    event: deskEvent,
  }),
]);
export type Change = z.infer<typeof change>;

export const MAX_CHANGES_PER_BATCH = 500;
export const changesRequest = z.object({ changes: z.array(change).min(1).max(MAX_CHANGES_PER_BATCH) });

export const changeResult = z.object({
  id: uuid,
  /**
   * applied: stored now; duplicate: stored by an earlier copy of this change
   * (the original outcome follows); rejected: never will be (set aside);
   * retry: not yet (e.g. a blob it names has not arrived).
   */
  status: z.enum(['applied', 'duplicate', 'rejected', 'retry']),
  code: z.string().max(64).optional(),
  message: text(500).optional(),
});
export type ChangeResult = z.infer<typeof changeResult>;
export const changesReply = z.object({ results: z.array(changeResult), hubTime: isoTime });

// ---- pull -----------------------------------------------------------------

export const pullRequest = z.object({
  cursor: z.number().int().nonnegative(),
  /** Bytes of JSON the reply may carry (before gzip); at least one item is always sent. */
  budget: z
    .number()
    .int()
    .min(4096)
    .max(8 * 1024 * 1024),
});

export const feedItem = z.discriminatedUnion('kind', [
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('document'),
    sender: z.object({ code: agencyCode, name: text(300) }),
    document: documentEnvelope,
    attachments: z.array(attachmentRef).min(1).max(50),
    recipients: z.array(agencyCode),
  }),
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('status'),
    documentId: uuid,
    from: z.object({ code: agencyCode, name: text(300) }),
    statusCode: z.enum(statusCodes),
    description: text(500),
    at: isoTime,
    /** For 04–06: the official handling it at the recipient (edXML StaffInfo). */
    staff: z.object({ name: text(200), title: text(200).nullable(), unit: text(300).nullable() }).optional(),
  }),
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('update'),
    documentId: uuid,
    fields: mutableFields,
    hlc: hlcString,
  }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('person'), person: personRecord, hlc: hlcString }),
  z.object({
    seq: z.number().int().positive(),
    kind: z.literal('desk.document'),
    document: deskDocument,
    attachments: z.array(deskAttachment).max(50),
    hlc: hlcString,
  }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('desk.event'), event: deskEvent }),
]);
export type FeedItem = z.infer<typeof feedItem>;

export const pullReply = z.object({
  items: z.array(feedItem),
  /** The seq to ask from next time (covers items skipped because this device sent them). */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  /** Whether the agency has desktops enrolled for officials: then this device sends its desk changes too. */
  deskSync: z.boolean().optional(),
  hubTime: isoTime,
});

/** Starts an upload from an earlier version the agency holds (POST …/uploads/:sha256/base). */
export const uploadBaseRequest = z.object({
  base: sha256Hex,
  length: z.number().int().positive().max(MAX_BLOB_BYTES),
});

/** A one-time enrollment code for one of the agency's officials, made from the clerk's desk. */
export const enrollCodeRequest = z.object({ personId: uuid });
export const enrollCodeReply = z.object({ code: z.string().min(8).max(64), expiresAt: isoTime, hubTime: isoTime });

export const ackRequest = z.object({ cursor: z.number().int().nonnegative() });
export const ackReply = z.object({ acked: z.number().int().nonnegative(), hubTime: isoTime });

// ---- errors ---------------------------------------------------------------

/** Every 4xx/5xx body: a stable code and an English reason for the log. */
export const errorReply = z.object({
  error: z.object({ code: z.string().max(64), message: z.string().max(2000) }),
  /** On 409 UPLOAD_OFFSET_MISMATCH: where the hub's copy stands. */
  offset: z.number().int().nonnegative().optional(),
});

export const hubErrorCodes = [
  'PROTOCOL_UNSUPPORTED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'CREDENTIAL_MISSING',
  'CREDENTIAL_INVALID',
  'CREDENTIAL_EXPIRED',
  'DEVICE_REVOKED',
  'ENROLL_CODE_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'UPLOAD_OFFSET_MISMATCH',
  'UPLOAD_BUSY',
  'CHUNK_CHECKSUM_MISMATCH',
  'BLOB_HASH_MISMATCH',
  'BLOB_TOO_LARGE',
  'RANGE_NOT_SATISFIABLE',
  'INTERNAL',
] as const;
export type HubErrorCode = (typeof hubErrorCodes)[number];
