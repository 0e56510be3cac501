// What signing and verification show the user: the shapes every transport
// carries. Core's signing modules produce exactly these.
import type { ErrorValue } from './errors.ts';

export interface CertificateInfo {
  commonName: string | null;
  /** RFC 4514 order (most specific first), values decoded, e.g. 'CN=Nguyễn Văn An,O=UBND xã Quảng Phú,C=VN'. */
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, lowercase hex: the certificate's fingerprint. */
  sha256: string;
  keyUsage: string[];
  /** OIDs. */
  extendedKeyUsage: string[];
  keyAlgorithm: 'rsa' | 'ec' | 'other';
  isCa: boolean;
  crlUrls: string[];
}

export type PinCounter = 'ok' | 'count-low' | 'final-try' | 'locked' | 'unknown';

export interface ModuleReportView {
  path: string;
  source: 'settings' | 'argument' | 'built-in';
  ok: boolean;
  info: {
    cryptokiVersion: string;
    manufacturer: string;
    description: string;
    libraryVersion: string;
    osLocking: boolean;
  } | null;
  error: ErrorValue | null;
}

export interface TokenView {
  module: string;
  slotId: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  /** A PIN pad or vendor dialog takes the PIN; the app must not ask for it. */
  pinPad: boolean;
  pinCounter: PinCounter;
  pinToBeChanged: boolean;
}

export interface TokenCertificateView {
  /** SHA-256 of the certificate; `sign --cert` takes it or a prefix of at least 8 digits. */
  id: string;
  module: string;
  tokenLabel: string;
  keyId: string;
  certificate: CertificateInfo;
  /** Null when it can sign now, else the error code saying why not. */
  unusable: 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'CERT_NO_SIGNING_USAGE' | 'TOKEN_KEY_NOT_FOUND' | null;
  /** Whether its key pair shows before login; many tokens only show the private key after the PIN. */
  keyVisible: boolean;
}

export type SignatureStatus = 'valid' | 'invalid' | 'indeterminate';

export interface SignatureVerdict {
  index: number;
  fieldName: string | null;
  status: SignatureStatus;
  reasonCode: string;
  /** Vietnamese, for the clerk. */
  reason: string;
  signer: CertificateInfo | null;
  signedAt: string | null;
  timeSource: 'timestamp' | 'claimed' | null;
  level: 'B-B' | 'B-T' | 'PKCS7' | null;
  subFilter: string | null;
  coversWholeFile: boolean;
  changesAfter: {
    bytesAppended: number;
    laterSignatures: number;
    otherRevisions: number;
    /** The số/ký hiệu and date lines filled into the blanks when the document was issued, as they read. */
    numberFilledIn?: string[];
  };
  checks: {
    integrity: boolean | null;
    cmsSignature: boolean | null;
    chain: boolean | null;
    validityAtSigning: boolean | null;
    revocation: 'good' | 'revoked' | 'unknown' | 'stale' | null;
    timestamp: boolean | null;
  };
}

export type SignKind = 'personal' | 'organization';

export interface SignedDocumentView {
  documentId: string;
  notation: string | null;
  kind: SignKind;
  level: 'B-B' | 'B-T';
  files: { attachmentId: string; filename: string; sha256Before: string; sha256After: string }[];
}

export interface SignBatchResult {
  signed: SignedDocumentView[];
  /** The document the batch stopped at, and why; null when all were signed. */
  stoppedAt: { documentId: string; error: ErrorValue } | null;
  /** Documents not touched because the batch stopped first. */
  untouched: string[];
  /** Things the user should know that did not stop signing (no timestamp, for one). */
  warnings: string[];
}

export interface SignatureRecordView {
  id: string;
  attachmentId: string;
  kind: SignKind;
  signerName: string | null;
  signerSubject: string;
  certificateSha256: string;
  signedAt: string;
  level: 'B-B' | 'B-T';
  page: number;
}

/** Why an issued file does not show its number or its date (core/signing/number-fill.ts decides). */
export type NumberMissing =
  | 'no-file'
  | 'unreadable-file'
  | 'no-text-layer'
  | 'no-number-line'
  | 'no-blank'
  | 'other-number'
  | 'other-notation'
  | 'no-date-line'
  | 'date-no-blank'
  | 'other-date';
