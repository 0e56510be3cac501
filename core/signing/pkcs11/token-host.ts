// The token host: a child process that owns one PKCS#11 module and answers
// HostRequests one at a time, so calls into the module are serialized and never
// run on the app's main thread. It holds the PIN only between login and logout,
// and only to answer CKA_ALWAYS_AUTHENTICATE keys; it never writes it anywhere.
import { createHash } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import type {
  HostFailure,
  HostMessage,
  HostReply,
  HostRequest,
  HostResults,
  KeyView,
  SlotView,
  TokenObjects,
} from './protocol.ts';

type Handle = Buffer;

interface OpenSession {
  session: Handle;
  pin: string | null;
  keys: Map<string, { handle: Handle; view: KeyView }>;
}

// DER prefix of DigestInfo{sha256}: CKM_RSA_PKCS signs exactly these bytes plus the hash.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

let p11: pkcs11js.PKCS11 | null = null;
const sessions = new Map<string, OpenSession>();

function module(): pkcs11js.PKCS11 {
  if (!p11) throw new Error('module not opened');
  return p11;
}

function trimmed(value: string): string {
  return value.replace(/\0/g, '').trim();
}

function slotHandle(slotId: string): Handle {
  const handle = module()
    .C_GetSlotList(true)
    .find((slot) => slot.toString('hex') === slotId);
  if (!handle) throw Object.assign(new Error('CKR_TOKEN_NOT_PRESENT'), { ckr: 'CKR_TOKEN_NOT_PRESENT' });
  return handle;
}

function open(path: string): HostResults['open'] {
  const instance = new pkcs11js.PKCS11();
  instance.load(path);
  let osLocking = true;
  try {
    instance.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (error) {
    const ckr = ckrOf(error);
    if (ckr === 'CKR_CANT_LOCK' || ckr === 'CKR_ARGUMENTS_BAD' || ckr === 'CKR_FUNCTION_FAILED') {
      // Old middleware refuses OS locking; this process serializes every call anyway.
      instance.C_Initialize();
      osLocking = false;
    } else if (ckr !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      throw error;
    }
  }
  p11 = instance;
  const info = instance.C_GetInfo();
  return {
    cryptokiVersion: `${info.cryptokiVersion.major}.${info.cryptokiVersion.minor}`,
    manufacturer: trimmed(info.manufacturerID),
    description: trimmed(info.libraryDescription),
    libraryVersion: `${info.libraryVersion.major}.${info.libraryVersion.minor}`,
    osLocking,
  };
}

function slots(): SlotView[] {
  const views: SlotView[] = [];
  for (const slot of module().C_GetSlotList(true)) {
    let info: pkcs11js.TokenInfo;
    try {
      info = module().C_GetTokenInfo(slot);
    } catch (error) {
      // A token pulled between the two calls is simply not there.
      if (isGone(ckrOf(error))) continue;
      throw error;
    }
    // An uninitialized token (a blank card, SoftHSM's free slot) holds nothing to sign with.
    if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) continue;
    views.push({
      slotId: slot.toString('hex'),
      label: trimmed(info.label),
      manufacturer: trimmed(info.manufacturerID),
      model: trimmed(info.model),
      serial: trimmed(info.serialNumber),
      flags: info.flags,
    });
  }
  for (const slotId of sessions.keys()) {
    if (!views.some((view) => view.slotId === slotId)) sessions.delete(slotId);
  }
  return views;
}

function findAll(session: Handle, template: pkcs11js.Template): Handle[] {
  const p = module();
  p.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (;;) {
      const batch = p.C_FindObjects(session, 32);
      found.push(...batch);
      if (batch.length < 32) return found;
    }
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

function attribute(session: Handle, object: Handle, type: number): Buffer | undefined {
  const [result] = module().C_GetAttributeValue(session, object, [{ type }]);
  const value = result?.value;
  return Buffer.isBuffer(value) ? value : undefined;
}

function withSession<T>(slotId: string, work: (session: Handle) => T): T {
  const existing = sessions.get(slotId);
  if (existing) return work(existing.session);
  const session = module().C_OpenSession(slotHandle(slotId), pkcs11js.CKF_SERIAL_SESSION);
  try {
    return work(session);
  } finally {
    module().C_CloseSession(session);
  }
}

function objects(slotId: string): TokenObjects {
  return withSession(slotId, (session) => {
    const certificates = findAll(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    ]).flatMap((object) => {
      const der = attribute(session, object, pkcs11js.CKA_VALUE);
      if (!der) return [];
      return [
        {
          id: (attribute(session, object, pkcs11js.CKA_ID) ?? Buffer.alloc(0)).toString('hex'),
          label: (attribute(session, object, pkcs11js.CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'),
          der,
        },
      ];
    });
    const keyIds = new Set<string>();
    for (const keyClass of [pkcs11js.CKO_PUBLIC_KEY, pkcs11js.CKO_PRIVATE_KEY]) {
      for (const object of findAll(session, [{ type: pkcs11js.CKA_CLASS, value: keyClass }])) {
        const id = attribute(session, object, pkcs11js.CKA_ID);
        if (id && id.length > 0) keyIds.add(id.toString('hex'));
      }
    }
    return { certificates, keyIds: [...keyIds] };
  });
}

function login(slotId: string, pin: string | null): HostResults['login'] {
  const p = module();
  const slot = slotHandle(slotId);
  // Every login checks its PIN: a session still logged in from an earlier batch must not let
  // a wrong PIN through, so it is logged out first.
  closeSession(slotId);
  const open: OpenSession = { session: p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION), pin: null, keys: new Map() };
  sessions.set(slotId, open);
  // A PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH) takes the PIN itself. pkcs11js cannot pass a
  // NULL pin; an empty one (length 0) is the closest it can say, and what PIN-pad middleware reads as "ask".
  const attempt = () => p.C_Login(open.session, pkcs11js.CKU_USER, pin ?? '');
  try {
    try {
      attempt();
    } catch (error) {
      // Logged in by another session of this process: log that out and check this PIN.
      if (ckrOf(error) !== 'CKR_USER_ALREADY_LOGGED_IN') throw error;
      p.C_Logout(open.session);
      attempt();
    }
  } catch (error) {
    closeSession(slotId);
    throw Object.assign(new Error(ckrOf(error) ?? String(error)), { ckr: ckrOf(error), tokenFlags: safeFlags(slot) });
  }
  open.pin = pin;
  return { flags: safeFlags(slot) ?? 0 };
}

function safeFlags(slot: Handle): number | undefined {
  try {
    return module().C_GetTokenInfo(slot).flags;
  } catch {
    return undefined;
  }
}

function loggedIn(slotId: string): OpenSession {
  const open = sessions.get(slotId);
  if (!open) throw Object.assign(new Error('CKR_USER_NOT_LOGGED_IN'), { ckr: 'CKR_USER_NOT_LOGGED_IN' });
  return open;
}

function key(slotId: string, keyId: string): { handle: Handle; view: KeyView } {
  const open = loggedIn(slotId);
  const cached = open.keys.get(keyId);
  if (cached) return cached;
  const p = module();
  const [handle] = findAll(open.session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_ID, value: Buffer.from(keyId, 'hex') },
  ]);
  if (!handle) throw Object.assign(new Error('CKR_KEY_HANDLE_INVALID'), { ckr: 'CKR_KEY_HANDLE_INVALID' });
  const keyType = attribute(open.session, handle, pkcs11js.CKA_KEY_TYPE)?.readUIntLE(0, 4);
  let alwaysAuthenticate = false;
  try {
    alwaysAuthenticate = (attribute(open.session, handle, pkcs11js.CKA_ALWAYS_AUTHENTICATE)?.[0] ?? 0) === 1;
  } catch {
    // Cryptoki 2.20 modules do not know the attribute: such keys never need a context login.
  }
  const slot = slotHandle(slotId);
  let mechanisms: number[] = [];
  try {
    mechanisms = p.C_GetMechanismList(slot);
  } catch {
    // An empty list means "unknown": fall back to the mechanism every RSA token has.
  }
  let view: KeyView;
  if (keyType === pkcs11js.CKK_EC) {
    view = { keyType: 'ec', alwaysAuthenticate, mechanism: 'CKM_ECDSA' };
  } else {
    const raw = mechanisms.length === 0 || mechanisms.includes(pkcs11js.CKM_RSA_PKCS);
    const hashing = mechanisms.includes(pkcs11js.CKM_SHA256_RSA_PKCS);
    view = { keyType: 'rsa', alwaysAuthenticate, mechanism: raw || !hashing ? 'CKM_RSA_PKCS' : 'CKM_SHA256_RSA_PKCS' };
  }
  const entry = { handle, view };
  open.keys.set(keyId, entry);
  return entry;
}

function sign(slotId: string, keyId: string, data: Uint8Array): HostResults['sign'] {
  const p = module();
  const open = loggedIn(slotId);
  const { handle, view } = key(slotId, keyId);
  const digest = createHash('sha256').update(data).digest();
  const mechanism = pkcs11js[view.mechanism];
  const input =
    view.mechanism === 'CKM_RSA_PKCS'
      ? Buffer.concat([SHA256_DIGEST_INFO, digest])
      : view.mechanism === 'CKM_ECDSA'
        ? digest
        : Buffer.from(data);
  p.C_SignInit(open.session, { mechanism }, handle);
  if (view.alwaysAuthenticate) p.C_Login(open.session, pkcs11js.CKU_CONTEXT_SPECIFIC, open.pin ?? '');
  const signature = p.C_Sign(open.session, input, Buffer.alloc(1024));
  return { signature: new Uint8Array(signature), mechanism: view.mechanism };
}

function closeSession(slotId: string): void {
  const open = sessions.get(slotId);
  if (!open) return;
  sessions.delete(slotId);
  open.pin = null;
  try {
    module().C_Logout(open.session);
  } catch {
    // Logging out of a pulled token fails; closing the session below is what matters.
  }
  try {
    module().C_CloseSession(open.session);
  } catch {
    // Already invalid (token removed): nothing is left to close.
  }
}

function handle(request: HostRequest): unknown {
  switch (request.op) {
    case 'open':
      return open(request.module);
    case 'slots':
      return slots();
    case 'objects':
      return objects(request.slotId);
    case 'login':
      return login(request.slotId, request.pin);
    case 'key':
      return key(request.slotId, request.keyId).view;
    case 'sign':
      return sign(request.slotId, request.keyId, request.data);
    case 'logout':
      closeSession(request.slotId);
      return null;
  }
}

function ckrOf(error: unknown): string | null {
  if (error && typeof error === 'object' && 'ckr' in error && typeof error.ckr === 'string') return error.ckr;
  const message = error instanceof Error ? error.message : '';
  return /^CKR_\w+/.exec(message)?.[0] ?? null;
}

function isGone(ckr: string | null): boolean {
  return ckr === 'CKR_TOKEN_NOT_PRESENT' || ckr === 'CKR_DEVICE_REMOVED' || ckr === 'CKR_SLOT_ID_INVALID';
}

function failureOf(error: unknown): HostFailure {
  const failure: HostFailure = { ckr: ckrOf(error), message: error instanceof Error ? error.message : String(error) };
  if (error && typeof error === 'object' && 'tokenFlags' in error && typeof error.tokenFlags === 'number')
    failure.tokenFlags = error.tokenFlags;
  return failure;
}

process.on('message', (message: HostMessage) => {
  let reply: HostReply;
  try {
    reply = { id: message.id, ok: true, result: handle(message.request) };
  } catch (error) {
    reply = { id: message.id, ok: false, failure: failureOf(error) };
  }
  process.send!(reply);
});

process.on('disconnect', () => {
  for (const slotId of [...sessions.keys()]) closeSession(slotId);
  try {
    p11?.C_Finalize();
  } catch {
    // Exiting anyway; the module's state dies with this process.
  }
  process.exit(0);
});
