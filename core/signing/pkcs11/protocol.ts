// Messages between core and the token host process (token-host.ts). Every
// PKCS#11 call runs in that process: vendor middleware blocks (C_Login on a PIN
// pad waits for the user) and sometimes crashes, and neither may take the app
// down with it. Handles cross the boundary as hex strings.

export interface ModuleInfoView {
  cryptokiVersion: string;
  manufacturer: string;
  description: string;
  libraryVersion: string;
  /** False when the module refused CKF_OS_LOCKING_OK and runs single-threaded. */
  osLocking: boolean;
}

export interface SlotView {
  slotId: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  /** CK_TOKEN_INFO.flags, including the PIN-counter bits. */
  flags: number;
}

export interface TokenObjects {
  certificates: { id: string; label: string; der: Uint8Array }[];
  /** CKA_IDs that have a key pair on the token (a public key, or a private key visible without login). */
  keyIds: string[];
}

export interface KeyView {
  keyType: 'rsa' | 'ec';
  alwaysAuthenticate: boolean;
  mechanism: 'CKM_RSA_PKCS' | 'CKM_SHA256_RSA_PKCS' | 'CKM_ECDSA';
}

export type HostRequest =
  | { op: 'open'; module: string }
  | { op: 'slots' }
  | { op: 'objects'; slotId: string }
  | { op: 'login'; slotId: string; pin: string | null }
  | { op: 'key'; slotId: string; keyId: string }
  | { op: 'sign'; slotId: string; keyId: string; data: Uint8Array }
  | { op: 'logout'; slotId: string };

export interface HostResults {
  open: ModuleInfoView;
  slots: SlotView[];
  objects: TokenObjects;
  login: { flags: number };
  key: KeyView;
  /** For CKM_ECDSA the raw r||s the token returns. */
  sign: { signature: Uint8Array; mechanism: KeyView['mechanism'] };
  logout: null;
}

export interface HostFailure {
  /** The CKR_* name when the module returned one. */
  ckr: string | null;
  message: string;
  /** Token flags read right after a failed C_Login, for the PIN-counter message. */
  tokenFlags?: number;
  /** The host process died (a crashing driver) rather than the module returning an error. */
  crashed?: boolean;
  /** The call did not return in time and the host was stopped. */
  timedOut?: boolean;
}

export type HostReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; failure: HostFailure };

export interface HostMessage {
  id: number;
  request: HostRequest;
}
