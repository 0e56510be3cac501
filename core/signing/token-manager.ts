// The USB tokens on this machine: which PKCS#11 modules load, which tokens are
// plugged in, which certificates can sign, and a signer for one of them.
import fs from 'node:fs';
import { AppError, toErrorValue } from '../../shared/errors.ts';
import type { CertificateInfo, ModuleReportView, TokenCertificateView, TokenView } from '../../shared/signing.ts';
import { canSign, parseCertificate } from './certificates.ts';
import { installedKnownModules } from './known-modules.ts';
import type { KeyView, ModuleInfoView, SlotView } from './pkcs11/protocol.ts';
import { TokenHost, TokenHostError } from './pkcs11/token-host-client.ts';
import {
  CKF_PROTECTED_AUTHENTICATION_PATH,
  CKF_USER_PIN_TO_BE_CHANGED,
  pinCounter,
  tokenError,
} from './token-errors.ts';
import { ecdsaRawToDer } from './cms.ts';

type ModuleSource = ModuleReportView['source'];

/** A certificate on a plugged token, with what signing needs beyond what the user is shown. */
export interface TokenCertificate extends TokenCertificateView {
  slotId: string;
  label: string;
  der: Uint8Array;
  /** The issuing CA certificates found on the token, signer's issuer first: embedded in each signature. */
  chain: Uint8Array[];
}

export interface TokenEvent {
  type: 'token-added' | 'token-removed';
  token: TokenView;
}

/** A logged-in key: signs the bytes of CMS signed attributes and returns the CMS signature value. */
export interface TokenSigner {
  readonly certificate: TokenCertificate;
  readonly key: KeyView;
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface TokenManagerOptions {
  settingsModules?: string[];
  argumentModules?: string[];
  /** Include the drivers of known Vietnamese token brands found on this machine. */
  builtIn?: boolean;
  env?: NodeJS.ProcessEnv;
  /** How long a login may take: a PIN typed on a pad takes a person's time. */
  loginTimeoutMs?: number;
  /** How long any other token call may take before the driver is considered hung. */
  callTimeoutMs?: number;
}

export class TokenManager {
  private readonly sources: { path: string; source: ModuleSource }[];
  private readonly env: NodeJS.ProcessEnv;
  private readonly loginTimeoutMs: number;
  private readonly callTimeoutMs: number;
  private readonly hosts = new Map<string, Promise<LoadedModule>>();

  constructor(options: TokenManagerOptions = {}) {
    const seen = new Set<string>();
    const add = (list: string[], source: ModuleSource) =>
      list.flatMap((file) => {
        const key = canonical(file);
        if (seen.has(key)) return [];
        seen.add(key);
        return [{ path: file, source }];
      });
    this.sources = [
      ...add(options.argumentModules ?? [], 'argument'),
      ...add(options.settingsModules ?? [], 'settings'),
      ...add(options.builtIn === false ? [] : installedKnownModules(), 'built-in'),
    ];
    this.env = options.env ?? process.env;
    this.loginTimeoutMs = options.loginTimeoutMs ?? 120_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
  }

  /** Every configured module, loaded and probed with C_GetInfo; a failure is reported, not thrown. */
  async modules(): Promise<ModuleReportView[]> {
    const reports: ModuleReportView[] = [];
    for (const { path, source } of this.sources) {
      try {
        const { info } = await this.loaded(path);
        reports.push({ path, source, ok: true, info, error: null });
      } catch (error) {
        reports.push({ path, source, ok: false, info: null, error: toErrorValue(error) });
      }
    }
    return reports;
  }

  async tokens(): Promise<TokenView[]> {
    const views: TokenView[] = [];
    for (const host of await this.loadedHosts()) {
      try {
        views.push(...(await host.request({ op: 'slots' })).map((slot) => tokenView(host.modulePath, slot)));
      } catch {
        // A module whose slot list fails shows no tokens; modules() reports modules that fail to load.
      }
    }
    return views;
  }

  /** Certificates on every plugged-in token, each with whether it can sign at `now`. */
  async certificates(now: Date): Promise<TokenCertificate[]> {
    const result: TokenCertificate[] = [];
    for (const host of await this.loadedHosts()) {
      let slots: SlotView[];
      try {
        slots = await host.request({ op: 'slots' });
      } catch {
        continue;
      }
      for (const slot of slots) {
        let objects;
        try {
          objects = await host.request({ op: 'objects', slotId: slot.slotId });
        } catch (error) {
          // A token pulled while it was being read just drops out of the list.
          if (tokenError(error).code === 'TOKEN_REMOVED') continue;
          throw tokenError(error);
        }
        const parsed = objects.certificates.map((entry) => ({ ...entry, info: parseCertificate(entry.der) }));
        for (const entry of parsed) {
          const certificate = entry.info;
          const usable = canSign(certificate, now);
          // A key pair is only visible before login on some tokens (many hide private keys and carry no
          // public key object): a certificate without one is not refused here, the signing login will tell.
          const keyVisible = entry.id !== '' && objects.keyIds.includes(entry.id);
          result.push({
            id: certificate.sha256,
            module: host.modulePath,
            slotId: slot.slotId,
            tokenLabel: slot.label,
            keyId: entry.id,
            label: entry.label,
            certificate,
            der: entry.der,
            unusable: certificate.isCa
              ? 'CERT_NO_SIGNING_USAGE'
              : usable.ok
                ? entry.id === ''
                  ? 'TOKEN_KEY_NOT_FOUND'
                  : null
                : usable.code,
            keyVisible,
            chain: issuerChain(certificate, parsed),
          });
        }
      }
    }
    return result;
  }

  /** Finds the certificate by its id (or an unambiguous prefix of at least 8 hex digits). */
  async findCertificate(certId: string, now: Date): Promise<TokenCertificate> {
    const wanted = certId.toLowerCase();
    const matches = (await this.certificates(now)).filter((entry) => entry.id.startsWith(wanted));
    const [match] = matches;
    if (!match || wanted.length < 8) throw new AppError('TOKEN_CERT_NOT_FOUND', `certificate ${certId}`);
    if (new Set(matches.map((entry) => entry.id)).size > 1)
      throw new AppError('INPUT_INVALID', `certificate id prefix ${certId} is ambiguous`);
    return match;
  }

  /**
   * Logs in once (the PIN goes to C_Login and nowhere else) and returns a signer
   * for the certificate's key. A wrong PIN is reported, never retried.
   */
  async openSigner(
    certificate: TokenCertificate,
    pin: string | null,
    options: { confirmFinalTry?: boolean } = {},
  ): Promise<TokenSigner> {
    if (certificate.unusable)
      throw new AppError(certificate.unusable, `${certificate.certificate.subject} (${certificate.id})`);
    const host = await this.host(certificate.module);
    const token = (
      await host.request({ op: 'slots' }).catch((error: unknown) => Promise.reject(tokenError(error)))
    ).find((slot) => slot.slotId === certificate.slotId);
    if (!token) throw new AppError('TOKEN_REMOVED', `slot ${certificate.slotId}`);
    // A locked token is not sent a PIN at all; on the last try the user must say they are sure.
    const counter = pinCounter(token.flags);
    if (counter === 'locked') throw new AppError('TOKEN_PIN_LOCKED', `${token.label}: CKF_USER_PIN_LOCKED`);
    if (counter === 'final-try' && !options.confirmFinalTry)
      throw new AppError('TOKEN_PIN_FINAL_TRY_UNCONFIRMED', `${token.label}: CKF_USER_PIN_FINAL_TRY`);
    const pinPad = (token.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0;
    if (!pinPad && (pin === null || pin.length === 0)) throw new AppError('TOKEN_PIN_REQUIRED');
    const logout = () =>
      host.request({ op: 'logout', slotId: certificate.slotId }).then(
        () => undefined,
        () => undefined,
      );
    let key: KeyView;
    try {
      await host.request({ op: 'login', slotId: certificate.slotId, pin: pinPad ? null : pin }, this.loginTimeoutMs);
      key = await host.request({ op: 'key', slotId: certificate.slotId, keyId: certificate.keyId });
    } catch (error) {
      await logout();
      throw tokenError(error);
    }
    return {
      certificate,
      key,
      sign: async (toBeSigned) => {
        try {
          // An always-authenticate key asks for the PIN on each signature, possibly on a PIN pad.
          const { signature } = await host.request(
            { op: 'sign', slotId: certificate.slotId, keyId: certificate.keyId, data: toBeSigned },
            key.alwaysAuthenticate ? this.loginTimeoutMs : this.callTimeoutMs,
          );
          return key.keyType === 'ec' ? ecdsaRawToDer(signature) : signature;
        } catch (error) {
          throw tokenError(error);
        }
      },
      close: async () => {
        if (host.alive) await logout();
      },
    };
  }

  /** Polls the tokens every `intervalMs` and reports plugs and unplugs. */
  watch(listener: (event: TokenEvent) => void, intervalMs = 1000): () => void {
    let known = new Map<string, TokenView>();
    let first = true;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      const current = new Map(
        (await this.tokens()).map((token) => [`${token.module}\u0000${token.slotId}\u0000${token.serial}`, token]),
      );
      if (stopped) return;
      if (!first) {
        for (const [key, token] of current) if (!known.has(key)) listener({ type: 'token-added', token });
        for (const [key, token] of known) if (!current.has(key)) listener({ type: 'token-removed', token });
      }
      first = false;
      known = current;
      timer = setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  async close(): Promise<void> {
    const hosts = await Promise.allSettled([...this.hosts.values()]);
    this.hosts.clear();
    await Promise.all(hosts.flatMap((entry) => (entry.status === 'fulfilled' ? [entry.value.host.close()] : [])));
  }

  private async loadedHosts(): Promise<TokenHost[]> {
    const hosts: TokenHost[] = [];
    for (const { path } of this.sources) {
      try {
        hosts.push(await this.host(path));
      } catch {
        // Reported by modules(); a driver that does not load hides no other driver's tokens.
      }
    }
    return hosts;
  }

  private async host(modulePath: string): Promise<TokenHost> {
    return (await this.loaded(modulePath)).host;
  }

  private loaded(modulePath: string): Promise<LoadedModule> {
    let pending = this.hosts.get(modulePath);
    // A host whose module crashed is replaced: the next call loads the driver afresh.
    if (pending) pending = pending.then((entry) => (entry.host.alive ? entry : startHost(modulePath, this.env)));
    else pending = startHost(modulePath, this.env);
    this.hosts.set(modulePath, pending);
    pending.catch(() => this.hosts.delete(modulePath));
    return pending;
  }
}

interface LoadedModule {
  host: TokenHost;
  info: ModuleInfoView;
}

async function startHost(modulePath: string, env: NodeJS.ProcessEnv): Promise<LoadedModule> {
  if (!fs.existsSync(modulePath)) throw new AppError('TOKEN_MODULE_UNLOADABLE', `${modulePath}: no such file`);
  const host = new TokenHost(modulePath, env);
  try {
    return { host, info: await host.request({ op: 'open', module: modulePath }) };
  } catch (error) {
    await host.close();
    const detail =
      error instanceof TokenHostError ? `${modulePath}: ${error.failure.ckr ?? error.failure.message}` : String(error);
    throw new AppError('TOKEN_MODULE_UNLOADABLE', detail, { cause: error });
  }
}

/** The CA certificates on the token that issued this one, walking up by name; never the holder's other certificates. */
function issuerChain(
  certificate: CertificateInfo,
  onToken: { der: Uint8Array; info: CertificateInfo }[],
): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let current = certificate;
  while (chain.length < 5 && current.issuer !== current.subject) {
    const issuer = onToken.find(
      (entry) => entry.info.isCa && entry.info.subject === current.issuer && entry.info.sha256 !== current.sha256,
    );
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer.info;
  }
  return chain;
}

function tokenView(module: string, slot: SlotView): TokenView {
  return {
    module,
    slotId: slot.slotId,
    label: slot.label,
    manufacturer: slot.manufacturer,
    model: slot.model,
    serial: slot.serial,
    pinPad: (slot.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    pinCounter: pinCounter(slot.flags),
    pinToBeChanged: (slot.flags & CKF_USER_PIN_TO_BE_CHANGED) !== 0,
  };
}

function canonical(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
