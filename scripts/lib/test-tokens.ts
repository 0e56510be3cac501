// SoftHSM2 tokens shaped like the USB tokens a commune receives: keys generated on the token (never
// extractable), a CA-issued certificate per key paired by CKA_ID, and the CA certificate carried
// along. Made with softhsm2-util and pkcs11-tool, so the tokens do not depend on vanthu's own
// PKCS#11 code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestCa, issueCertificate, type CertificateProfile, type TestCa } from './test-pki.ts';

const run = promisify(execFile);

export interface TokenCert {
  id: string;
  certPath: string;
  serialHex: string;
  commonName: string;
}

export interface TestTokens {
  module: string;
  softhsm2Conf: string;
  caCert: string;
  caDir: string;
  tokens: {
    personal: {
      label: 'vanthu-personal';
      pin: '123456';
      soPin: '12345678';
      certs: {
        signing: TokenCert;
        expired: TokenCert;
        noSigningUsage: TokenCert;
        ecdsa: TokenCert;
        alwaysAuthenticate: TokenCert;
      };
    };
    organization: { label: 'vanthu-organization'; pin: '654321'; soPin: '87654321'; certs: { signing: TokenCert } };
  };
}

const SOFTHSM_MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];
const YEAR_MS = 365 * 86_400_000;
const COMMUNE = 'UBND xã Quảng Phú';

interface KeySpec {
  id: string;
  label: string;
  keyType: 'rsa:2048' | 'EC:prime256v1';
  profile: CertificateProfile;
  subject: { commonName: string; organization?: string; serialNumber?: string };
  validity?: { notBefore: Date; notAfter: Date };
  /** CKA_ALWAYS_AUTHENTICATE: the token wants the PIN again for every signature. */
  alwaysAuthenticate?: boolean;
}

export function findSoftHsmModule(): string {
  const found = SOFTHSM_MODULES.find((candidate) => fs.existsSync(candidate));
  if (!found)
    throw new Error(`SoftHSM2 not found (looked at ${SOFTHSM_MODULES.join(', ')}); install the softhsm2 package`);
  return found;
}

export async function createTestTokens(dir: string): Promise<TestTokens> {
  const root = path.resolve(dir);
  if (fs.existsSync(root) && fs.readdirSync(root).length > 0) {
    throw new Error(`test tokens need an empty or absent directory; ${root} is not empty`);
  }
  const module = findSoftHsmModule();
  const tokenDir = path.join(root, 'tokens');
  fs.mkdirSync(tokenDir, { recursive: true });
  const softhsm2Conf = path.join(root, 'softhsm2.conf');
  fs.writeFileSync(
    softhsm2Conf,
    [
      `directories.tokendir = ${tokenDir}`,
      'objectstore.backend = file',
      'slots.removable = false',
      'log.level = ERROR',
      '',
    ].join('\n'),
  );
  const ca = await createTestCa(path.join(root, 'ca'));
  const tool = new TokenTool(module, softhsm2Conf, root);

  const now = Date.now();
  const person = { organization: COMMUNE, serialNumber: 'CCCD:038090001234' };
  // One after the other: `--init-token --free` takes the first free slot, so two at once could collide.
  await tool.initToken('vanthu-personal', '12345678', '123456');
  await tool.initToken('vanthu-organization', '87654321', '654321');
  // One token after the other too, so serial numbers come out the same on every run.
  const personal = await tool.fill(ca, 'vanthu-personal', '123456', [
    {
      id: '01',
      label: 'Chu tich',
      keyType: 'rsa:2048',
      profile: 'signer',
      subject: { commonName: 'Nguyễn Văn An', ...person },
    },
    {
      id: '02',
      label: 'Chu tich (het han)',
      keyType: 'rsa:2048',
      profile: 'signer',
      subject: { commonName: 'Nguyễn Văn An (hết hạn)', ...person },
      validity: { notBefore: new Date(now - 3 * YEAR_MS), notAfter: new Date(now - YEAR_MS) },
    },
    {
      id: '03',
      label: 'Chu tich (ma hoa)',
      keyType: 'rsa:2048',
      profile: 'no-signing-usage',
      subject: { commonName: 'Nguyễn Văn An (mã hóa)', ...person },
    },
    {
      id: '04',
      label: 'Chu tich (ECDSA)',
      keyType: 'EC:prime256v1',
      profile: 'signer',
      subject: { commonName: 'Nguyễn Văn An (ECDSA)', ...person },
    },
    {
      id: '05',
      label: 'Chu tich (PIN moi lan ky)',
      keyType: 'rsa:2048',
      profile: 'signer',
      subject: { commonName: 'Nguyễn Văn An (PIN mỗi lần ký)', ...person },
      alwaysAuthenticate: true,
    },
  ]);
  const organization = await tool.fill(ca, 'vanthu-organization', '654321', [
    {
      id: '01',
      label: 'UBND xa Quang Phu',
      keyType: 'rsa:2048',
      profile: 'signer',
      subject: { commonName: COMMUNE, organization: COMMUNE, serialNumber: 'MST:2801234567' },
    },
  ]);
  return {
    module,
    softhsm2Conf,
    caCert: ca.certPath,
    caDir: ca.dir,
    tokens: {
      personal: {
        label: 'vanthu-personal',
        pin: '123456',
        soPin: '12345678',
        certs: {
          signing: personal[0]!,
          expired: personal[1]!,
          noSigningUsage: personal[2]!,
          ecdsa: personal[3]!,
          alwaysAuthenticate: personal[4]!,
        },
      },
      organization: {
        label: 'vanthu-organization',
        pin: '654321',
        soPin: '87654321',
        certs: { signing: organization[0]! },
      },
    },
  };
}

/** softhsm2-util and pkcs11-tool pointed at this set of tokens; process.env itself is left alone. */
class TokenTool {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly module: string,
    softhsm2Conf: string,
    private readonly workDir: string,
  ) {
    this.env = { ...process.env, SOFTHSM2_CONF: softhsm2Conf };
  }

  async initToken(label: string, soPin: string, pin: string): Promise<void> {
    await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin], {
      env: this.env,
    });
  }

  async fill(ca: TestCa, label: string, pin: string, keys: KeySpec[]): Promise<TokenCert[]> {
    const certs: TokenCert[] = [];
    for (const key of keys) {
      await this.pkcs11(label, pin, [
        '--keypairgen',
        '--key-type',
        key.keyType,
        '--id',
        key.id,
        '--label',
        key.label,
        ...(key.alwaysAuthenticate ? ['--always-auth'] : []),
      ]);
      const publicKeyDer = await this.readPublicKey(label, key.id);
      const issued = await issueCertificate(ca, {
        subject: key.subject,
        publicKeyDer,
        profile: key.profile,
        ...key.validity,
      });
      await this.writeCertificate(label, pin, key.id, key.label, issued.certDer);
      certs.push({
        id: key.id,
        certPath: issued.certPath,
        serialHex: issued.serialHex,
        commonName: key.subject.commonName,
      });
    }
    // Real tokens carry their issuer's certificate too: an object with no key behind it.
    await this.writeCertificate(label, pin, Buffer.from('ca').toString('hex'), 'Vanthu Test Root CA', ca.certDer);
    return certs;
  }

  // pkcs11-tool writes SubjectPublicKeyInfo DER for both RSA and EC keys (OpenSC 0.23).
  private async readPublicKey(label: string, id: string): Promise<Buffer> {
    const file = this.scratchFile(label, id, 'pub.der');
    await this.pkcs11(label, undefined, ['--read-object', '--type', 'pubkey', '--id', id, '-o', file]);
    const der = fs.readFileSync(file);
    fs.rmSync(file);
    return der;
  }

  private async writeCertificate(
    label: string,
    pin: string,
    id: string,
    objectLabel: string,
    der: Buffer,
  ): Promise<void> {
    const file = this.scratchFile(label, id, 'cert.der');
    fs.writeFileSync(file, der);
    await this.pkcs11(label, pin, ['--write-object', file, '--type', 'cert', '--id', id, '--label', objectLabel]);
    fs.rmSync(file);
  }

  private scratchFile(label: string, id: string, suffix: string): string {
    return path.join(this.workDir, `.${label}-${id}-${suffix}`);
  }

  private async pkcs11(label: string, pin: string | undefined, args: string[]): Promise<void> {
    const login = pin === undefined ? [] : ['--login', '--pin', pin];
    await run('pkcs11-tool', ['--module', this.module, '--token-label', label, ...login, ...args], { env: this.env });
  }
}
