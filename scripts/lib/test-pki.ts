// A throwaway PKI for signing tests: root and intermediate CAs whose state (serial counter,
// revocations) lives in their folders, certificates for software or token keys, CRLs, an RFC 3161
// TSA, and poppler as a third-party signer. Certificates and CRLs are built with pkijs because OpenSSL 3.0's CLI cannot
// both set arbitrary validity dates and certify a public key it does not hold (a token key).
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({
    name: 'node',
    crypto: crypto.webcrypto,
  }),
);

const run = promisify(execFile);

export interface TestCa {
  dir: string;
  certPath: string;
  certDer: Buffer;
  keyPath: string;
  name: string;
  crlUrl: string;
}

export interface IssuedCertificate {
  certPath: string;
  certDer: Buffer;
  keyPath?: string;
  serialHex: string;
}

export type CertificateProfile = 'signer' | 'no-signing-usage' | 'tsa';
export type RevocationReason = 'keyCompromise' | 'superseded' | 'unspecified';

export interface IssueOptions {
  subject: { commonName: string; organization?: string; serialNumber?: string };
  publicKeyDer?: Buffer;
  keyType?: 'rsa' | 'ec';
  profile: CertificateProfile;
  notBefore?: Date;
  notAfter?: Date;
}

interface CaState {
  commonName: string;
  crlUrl: string;
  nextSerial: number;
  nextCrlNumber: number;
  revoked: { serialHex: string; at: string; reason: RevocationReason }[];
}

const DEFAULT_CRL_URL = 'http://127.0.0.1:8099/vanthu-test-ca.crl';
const DAY_MS = 86_400_000;
const OID = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  crlDistributionPoints: '2.5.29.31',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
} as const;

// KeyUsage as DER BIT STRING content: bit 0 (digitalSignature) is the byte's top bit, and
// DER drops trailing zero bits, hence the unused-bit counts.
const KEY_USAGE = {
  digitalSignatureNonRepudiation: { byte: 0xc0, unusedBits: 6 },
  digitalSignature: { byte: 0x80, unusedBits: 7 },
  keyEncipherment: { byte: 0x20, unusedBits: 5 },
  keyCertSignCrlSign: { byte: 0x06, unusedBits: 1 },
} as const;

const REASON_CODE: Record<RevocationReason, number> = { unspecified: 0, keyCompromise: 1, superseded: 4 };

/**
 * A root CA, or with `issuer` an intermediate CA that `issuer` certifies (and can revoke: its
 * certificate names the issuer's CRL), the way national roots certify the CAs that serve signers.
 */
export async function createTestCa(
  dir: string,
  opts: { commonName?: string; crlUrl?: string; issuer?: TestCa } = {},
): Promise<TestCa> {
  const commonName = opts.commonName ?? 'Vanthu Test Root CA';
  fs.mkdirSync(path.join(dir, 'issued'), { recursive: true });
  const keys = await generateKeys('rsa');
  const spki = pkijs.PublicKeyInfo.fromBER(keys.spkiDer);
  const name = caName(commonName);
  const issuer = opts.issuer;
  const issuerCert = issuer ? pkijs.Certificate.fromBER(issuer.certDer) : null;
  const serialHex = issuer ? takeSerial(issuer) : '01';
  const now = Date.now();
  // Wide validity so certificates back-dated for expiry tests still chain to a valid root.
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: Buffer.from(serialHex, 'hex') }),
    issuer: issuerCert?.subject ?? name,
    subject: name,
    notBefore: time(new Date(now - 10 * 365 * DAY_MS)),
    notAfter: time(new Date(now + 10 * 365 * DAY_MS)),
    subjectPublicKeyInfo: spki,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true })),
      extension(OID.keyUsage, true, keyUsage(KEY_USAGE.keyCertSignCrlSign)),
      extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spki) })),
      ...(issuer && issuerCert ? issuedByExtensions(issuer, issuerCert) : []),
    ],
  });
  await cert.sign(await importSigningKey(issuer ? fs.readFileSync(issuer.keyPath, 'utf8') : keys.keyPem), 'SHA-256');
  const certDer = Buffer.from(cert.toSchema().toBER(false));
  // Recorded among the issuer's certificates, so revokeCertificate can revoke it.
  if (issuer) fs.writeFileSync(path.join(issuer.dir, 'issued', `${serialHex}-cert.pem`), pem('CERTIFICATE', certDer));
  const certPath = path.join(dir, 'ca-cert.pem');
  const keyPath = path.join(dir, 'ca-key.pem');
  fs.writeFileSync(keyPath, keys.keyPem, { mode: 0o600 });
  fs.writeFileSync(certPath, pem('CERTIFICATE', certDer));
  writeState(dir, {
    commonName,
    crlUrl: opts.crlUrl ?? DEFAULT_CRL_URL,
    nextSerial: 0x1001,
    nextCrlNumber: 1,
    revoked: [],
  });
  return loadTestCa(dir);
}

export function loadTestCa(caDir: string): TestCa {
  const dir = path.resolve(caDir);
  const state = readState(dir);
  const certPath = path.join(dir, 'ca-cert.pem');
  return {
    dir,
    certPath,
    certDer: derFromPem(fs.readFileSync(certPath, 'utf8')),
    keyPath: path.join(dir, 'ca-key.pem'),
    name: `CN=${state.commonName},O=Vanthu Test,C=VN`,
    crlUrl: state.crlUrl,
  };
}

export async function issueCertificate(ca: TestCa, opts: IssueOptions): Promise<IssuedCertificate> {
  const serialHex = takeSerial(ca);

  const generated = opts.publicKeyDer ? undefined : await generateKeys(opts.keyType ?? 'rsa');
  const spki = pkijs.PublicKeyInfo.fromBER(opts.publicKeyDer ?? generated!.spkiDer);
  const caCert = pkijs.Certificate.fromBER(ca.certDer);
  const now = Date.now();
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: Buffer.from(serialHex, 'hex') }),
    issuer: caCert.subject,
    subject: subjectName(opts.subject),
    notBefore: time(opts.notBefore ?? new Date(now - DAY_MS)),
    notAfter: time(opts.notAfter ?? new Date(now + 2 * 365 * DAY_MS)),
    subjectPublicKeyInfo: spki,
    extensions: [
      extension(OID.basicConstraints, false, new pkijs.BasicConstraints({ cA: false })),
      ...profileExtensions(opts.profile),
      extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spki) })),
      ...issuedByExtensions(ca, caCert),
    ],
  });
  await cert.sign(await importSigningKey(fs.readFileSync(ca.keyPath, 'utf8')), 'SHA-256');
  const certDer = Buffer.from(cert.toSchema().toBER(false));
  const certPath = path.join(ca.dir, 'issued', `${serialHex}-cert.pem`);
  fs.writeFileSync(certPath, pem('CERTIFICATE', certDer));
  if (!generated) return { certPath, certDer, serialHex };
  const keyPath = path.join(ca.dir, 'issued', `${serialHex}-key.pem`);
  fs.writeFileSync(keyPath, generated.keyPem, { mode: 0o600 });
  return { certPath, certDer, keyPath, serialHex };
}

export function revokeCertificate(ca: TestCa, serialHex: string, opts: { at: Date; reason?: RevocationReason }): void {
  const serial = serialHex.toLowerCase();
  if (!fs.existsSync(path.join(ca.dir, 'issued', `${serial}-cert.pem`))) {
    throw new Error(`revokeCertificate: ${ca.name} never issued serial ${serialHex}`);
  }
  const state = readState(ca.dir);
  const revoked = state.revoked.filter((entry) => entry.serialHex !== serial);
  revoked.push({ serialHex: serial, at: opts.at.toISOString(), reason: opts.reason ?? 'unspecified' });
  writeState(ca.dir, { ...state, revoked });
}

/**
 * The CA's current CRL. `othersRevoked` adds that many revoked serials of certificates
 * nobody here holds, half before and half after the CA's own entries, as a national CA's
 * list carries thousands.
 */
export async function writeCrl(
  ca: TestCa,
  opts: { thisUpdate?: Date; nextUpdate?: Date; othersRevoked?: number } = {},
): Promise<{ der: Buffer; path: string }> {
  const state = readState(ca.dir);
  writeState(ca.dir, { ...state, nextCrlNumber: state.nextCrlNumber + 1 });
  const caCert = pkijs.Certificate.fromBER(ca.certDer);
  const thisUpdate = opts.thisUpdate ?? new Date();
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: caCert.subject,
    thisUpdate: time(thisUpdate),
    nextUpdate: time(opts.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY_MS)),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(caCert)),
        extension(OID.crlNumber, false, new asn1js.Integer({ value: state.nextCrlNumber })),
      ],
    }),
  });
  const others = Array.from(
    { length: opts.othersRevoked ?? 0 },
    () =>
      new pkijs.RevokedCertificate({
        userCertificate: new asn1js.Integer({ valueHex: crypto.randomBytes(12) }),
        revocationDate: time(thisUpdate),
      }),
  );
  const half = Math.floor(others.length / 2);
  const entries = [
    ...others.slice(0, half),
    ...state.revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: Buffer.from(entry.serialHex, 'hex') }),
          revocationDate: time(new Date(entry.at)),
          // RFC 5280 asks for no reasonCode rather than "unspecified".
          ...(entry.reason === 'unspecified'
            ? {}
            : {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    extension(OID.crlReason, false, new asn1js.Enumerated({ value: REASON_CODE[entry.reason] })),
                  ],
                }),
              }),
        }),
    ),
    ...others.slice(half),
  ];
  // RFC 5280: an empty CRL omits revokedCertificates rather than encoding an empty SEQUENCE.
  if (entries.length > 0) crl.revokedCertificates = entries;
  await crl.sign(await importSigningKey(fs.readFileSync(ca.keyPath, 'utf8')), 'SHA-256');
  // Encoded from the objects: re-reading its own bytes trips asn1js's node limit past 2,000 entries.
  const der = Buffer.from((crl.toSchema(true) as asn1js.Sequence).toBER(false));
  const crlPath = path.join(ca.dir, 'crl.der');
  writeAtomically(crlPath, der);
  return { der, path: crlPath };
}

export async function startTestTsa(ca: TestCa): Promise<{ url: string; close(): Promise<void> }> {
  const configPath = await tsaConfig(ca);
  // One openssl at a time: they share the TSA serial file.
  let queue: Promise<unknown> = Promise.resolve();
  const reply = (query: Buffer) => {
    const next = queue.then(() => timestampReply(configPath, query));
    queue = next.catch(() => undefined);
    return next;
  };
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      reply(Buffer.concat(chunks)).then(
        (body) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const PDFSIG_NICK = 'vanthu-third-party';

export async function signWithPdfsig(
  ca: TestCa,
  inputPdf: string,
  outputPdf: string,
  opts: { etsi?: boolean; fieldName?: string } = {},
): Promise<void> {
  const db = await signerNssDb(ca);
  const args = ['-add-signature', '-nssdir', `sql:${db}`, '-nss-pwd', '', '-nick', PDFSIG_NICK];
  if (opts.fieldName) args.push('-new-signature-field-name', opts.fieldName);
  await run('pdfsig', [...args, inputPdf, outputPdf]);
  if (!fs.existsSync(outputPdf)) throw new Error(`signWithPdfsig: pdfsig wrote no ${outputPdf}`);
  if (opts.etsi) await resignAsCades(outputPdf, path.join(db, 'signer-cert.pem'), path.join(db, 'signer-key.pem'));
}

/**
 * pdfsig 22.12 refuses `-etsi` with `-add-signature`, so an ETSI signature keeps poppler's
 * signature dictionary and gets its CMS from `openssl cms -cades` (ESS signing-certificate-v2):
 * still made entirely outside vanthu. The two SubFilter names have the same length, so swapping
 * them moves no byte offset.
 */
async function resignAsCades(pdfPath: string, certPath: string, keyPath: string): Promise<void> {
  const pdf = fs.readFileSync(pdfPath);
  const text = pdf.toString('latin1');
  const byteRange = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1);
  if (!byteRange) throw new Error(`signWithPdfsig: no /ByteRange in ${pdfPath}`);
  const [start1, length1, start2, length2] = byteRange.slice(1).map(Number) as [number, number, number, number];
  const contentsStart = start1 + length1;
  const subFilter = text.lastIndexOf('/adbe.pkcs7.detached', contentsStart);
  if (subFilter < text.lastIndexOf(' obj', contentsStart))
    throw new Error(`signWithPdfsig: no adbe SubFilter before /Contents in ${pdfPath}`);
  pdf.write('/ETSI.CAdES.detached', subFilter, 'latin1');

  const stem = `${pdfPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(
    `${stem}.content`,
    Buffer.concat([pdf.subarray(start1, contentsStart), pdf.subarray(start2, start2 + length2)]),
  );
  try {
    // Only the signer certificate: pdfsig sized /Contents for its own CMS, and the root is the trust anchor anyway.
    await run('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-cades',
      '-md',
      'sha256',
      '-nosmimecap',
      '-signer',
      certPath,
      '-inkey',
      keyPath,
      '-in',
      `${stem}.content`,
      '-outform',
      'DER',
      '-out',
      `${stem}.cms`,
    ]);
    const hex = fs.readFileSync(`${stem}.cms`).toString('hex');
    const room = start2 - contentsStart - 2;
    if (hex.length > room)
      throw new Error(`signWithPdfsig: CAdES CMS needs ${hex.length} hex digits, /Contents has ${room}`);
    pdf.write(hex.padEnd(room, '0'), contentsStart + 1, 'latin1');
    fs.writeFileSync(pdfPath, pdf);
  } finally {
    fs.rmSync(`${stem}.content`, { force: true });
    fs.rmSync(`${stem}.cms`, { force: true });
  }
}

export function nssDbTrusting(ca: TestCa): Promise<string> {
  return cachedDir(path.join(ca.dir, 'nss-trust'), async (db) => {
    await run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    await run('certutil', ['-A', '-d', `sql:${db}`, '-n', 'Vanthu Test Root CA', '-t', 'CT,C,C', '-i', ca.certPath]);
  });
}

// --- certificates -------------------------------------------------------------------------------

/** The next serial number of a CA, as hex. */
function takeSerial(ca: TestCa): string {
  // Sync read-modify-write: nothing else in this process can interleave, so serials stay unique.
  const state = readState(ca.dir);
  writeState(ca.dir, { ...state, nextSerial: state.nextSerial + 1 });
  return serialToHex(state.nextSerial);
}

/** What ties a certificate to the CA that issued it: the CA's key identifier and where its CRL is published. */
function issuedByExtensions(ca: TestCa, caCert: pkijs.Certificate): pkijs.Extension[] {
  return [
    extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(caCert)),
    extension(
      OID.crlDistributionPoints,
      false,
      new pkijs.CRLDistributionPoints({
        distributionPoints: [
          new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: ca.crlUrl })] }),
        ],
      }),
    ),
  ];
}

function profileExtensions(profile: CertificateProfile): pkijs.Extension[] {
  switch (profile) {
    case 'signer':
      return [
        extension(OID.keyUsage, true, keyUsage(KEY_USAGE.digitalSignatureNonRepudiation)),
        extension(
          OID.extKeyUsage,
          false,
          new pkijs.ExtKeyUsage({ keyPurposes: [OID.emailProtection, OID.msDocumentSigning] }),
        ),
      ];
    case 'no-signing-usage':
      return [
        extension(OID.keyUsage, true, keyUsage(KEY_USAGE.keyEncipherment)),
        extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.clientAuth] })),
      ];
    case 'tsa':
      // RFC 3161 §2.3: the TSA certificate must carry exactly this EKU, critical.
      return [
        extension(OID.keyUsage, true, keyUsage(KEY_USAGE.digitalSignature)),
        extension(OID.extKeyUsage, true, new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] })),
      ];
  }
}

function caName(commonName: string): pkijs.RelativeDistinguishedNames {
  return distinguishedName([
    attribute(OID.country, new asn1js.PrintableString({ value: 'VN' })),
    attribute(OID.organization, new asn1js.Utf8String({ value: 'Vanthu Test' })),
    attribute(OID.commonName, new asn1js.Utf8String({ value: commonName })),
  ]);
}

// UTF8String for names: Vietnamese diacritics do not fit PrintableString.
function subjectName(subject: IssueOptions['subject']): pkijs.RelativeDistinguishedNames {
  const typesAndValues = [attribute(OID.country, new asn1js.PrintableString({ value: 'VN' }))];
  if (subject.organization)
    typesAndValues.push(attribute(OID.organization, new asn1js.Utf8String({ value: subject.organization })));
  typesAndValues.push(attribute(OID.commonName, new asn1js.Utf8String({ value: subject.commonName })));
  if (subject.serialNumber)
    typesAndValues.push(attribute(OID.serialNumber, new asn1js.PrintableString({ value: subject.serialNumber })));
  return distinguishedName(typesAndValues);
}

// One attribute per RDN, encoded by hand: pkijs would put them all in one multi-valued RDN
// ("C=VN + O=… + CN=…"), which no real CA issues.
function distinguishedName(typesAndValues: pkijs.AttributeTypeAndValue[]): pkijs.RelativeDistinguishedNames {
  const name = new asn1js.Sequence({
    value: typesAndValues.map((entry) => new asn1js.Set({ value: [entry.toSchema()] })),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER(false));
}

function attribute(type: string, value: asn1js.PrintableString | asn1js.Utf8String): pkijs.AttributeTypeAndValue {
  return new pkijs.AttributeTypeAndValue({ type, value });
}

function extension(
  extnID: string,
  critical: boolean,
  value: { toSchema(): asn1js.AsnType } | asn1js.AsnType,
): pkijs.Extension {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

function keyUsage(bits: { byte: number; unusedBits: number }): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([bits.byte]), unusedBits: bits.unusedBits });
}

function keyIdentifier(spki: pkijs.PublicKeyInfo): Buffer {
  return crypto.createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest();
}

function authorityKeyIdentifier(caCert: pkijs.Certificate): pkijs.AuthorityKeyIdentifier {
  return new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(caCert.subjectPublicKeyInfo) }),
  });
}

// X.509 wants UTCTime up to 2049 and GeneralizedTime from 2050.
function time(value: Date): pkijs.Time {
  return new pkijs.Time({
    type: value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime,
    value,
  });
}

function serialToHex(serial: number): string {
  const hex = serial.toString(16);
  return hex.length % 2 ? `0${hex}` : hex;
}

async function generateKeys(type: 'rsa' | 'ec'): Promise<{ spkiDer: Buffer; keyPem: string }> {
  const generate = promisify(crypto.generateKeyPair);
  const { publicKey, privateKey } =
    type === 'rsa'
      ? await generate('rsa', { modulusLength: 2048 })
      : await generate('ec', { namedCurve: 'prime256v1' });
  return {
    spkiDer: publicKey.export({ type: 'spki', format: 'der' }),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

function importSigningKey(keyPem: string) {
  return crypto.webcrypto.subtle.importKey(
    'pkcs8',
    derFromPem(keyPem),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

function pem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function derFromPem(text: string): Buffer {
  return Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

// --- CA state -----------------------------------------------------------------------------------

function readState(dir: string): CaState {
  return JSON.parse(fs.readFileSync(path.join(dir, 'ca.json'), 'utf8')) as CaState;
}

function writeState(dir: string, state: CaState): void {
  writeAtomically(path.join(dir, 'ca.json'), `${JSON.stringify(state, null, 2)}\n`);
}

function writeAtomically(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
}

// --- TSA ----------------------------------------------------------------------------------------

async function tsaConfig(ca: TestCa): Promise<string> {
  const dir = await cachedDir(path.join(ca.dir, 'tsa'), async (temp) => {
    const issued = await issueCertificate(ca, {
      subject: { commonName: 'Vanthu Test TSA', organization: 'Vanthu Test' },
      profile: 'tsa',
    });
    fs.copyFileSync(issued.certPath, path.join(temp, 'tsa-cert.pem'));
    fs.copyFileSync(issued.keyPath!, path.join(temp, 'tsa-key.pem'));
    fs.writeFileSync(path.join(temp, 'serial'), '01\n');
  });
  // Written per start, not cached: openssl needs the final (renamed) paths.
  const configPath = path.join(dir, 'tsa.cnf');
  writeAtomically(
    configPath,
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${path.join(dir, 'serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${path.join(dir, 'tsa-cert.pem')}`,
      `signer_key = ${path.join(dir, 'tsa-key.pem')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = no',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  return configPath;
}

async function timestampReply(configPath: string, query: Buffer): Promise<Buffer> {
  const dir = path.dirname(configPath);
  const stem = path.join(dir, `request-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.writeFileSync(`${stem}.tsq`, query);
  try {
    await run('openssl', ['ts', '-reply', '-config', configPath, '-queryfile', `${stem}.tsq`, '-out', `${stem}.tsr`]);
    return fs.readFileSync(`${stem}.tsr`);
  } finally {
    fs.rmSync(`${stem}.tsq`, { force: true });
    fs.rmSync(`${stem}.tsr`, { force: true });
  }
}

// --- NSS ----------------------------------------------------------------------------------------

function signerNssDb(ca: TestCa): Promise<string> {
  return cachedDir(path.join(ca.dir, 'nss-pdfsig-signer'), async (db) => {
    const issued = await issueCertificate(ca, {
      subject: {
        commonName: 'Trần Thị Bình',
        organization: 'Sở Nội vụ tỉnh Quảng Bình',
        serialNumber: 'CCCD:044185000321',
      },
      profile: 'signer',
    });
    const p12 = path.join(db, 'signer.p12');
    await run('openssl', [
      'pkcs12',
      '-export',
      '-name',
      PDFSIG_NICK,
      '-inkey',
      issued.keyPath!,
      '-in',
      issued.certPath,
      '-certfile',
      ca.certPath,
      '-passout',
      'pass:',
      '-out',
      p12,
    ]);
    await run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    await run('pk12util', ['-i', p12, '-d', `sql:${db}`, '-W', '', '-K', '']);
    fs.rmSync(p12);
    // Kept for the ETSI variant, whose CMS openssl makes.
    fs.copyFileSync(issued.certPath, path.join(db, 'signer-cert.pem'));
    fs.copyFileSync(issued.keyPath!, path.join(db, 'signer-key.pem'));
  });
}

const building = new Map<string, Promise<string>>();

/**
 * A directory made once and then reused: built under a temporary name and renamed into place, so
 * concurrent callers (in this process or in parallel test workers) never see a half-made one.
 */
function cachedDir(dir: string, build: (temp: string) => Promise<void>): Promise<string> {
  let pending = building.get(dir);
  if (!pending) {
    pending = (async () => {
      if (fs.existsSync(dir)) return dir;
      const temp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
      fs.mkdirSync(temp);
      try {
        await build(temp);
        fs.renameSync(temp, dir);
      } catch (error) {
        fs.rmSync(temp, { recursive: true, force: true });
        // Another process won the race: its directory is as good as ours.
        if (!fs.existsSync(dir)) throw error;
      }
      return dir;
    })();
    building.set(dir, pending);
    pending.catch(() => building.delete(dir));
  }
  return pending;
}
