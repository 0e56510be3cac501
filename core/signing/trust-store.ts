// The CA certificates this office trusts, one DER file per certificate named
// by its SHA-256, so adding the same CA twice is a no-op and a file's name
// can be checked against its content.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import {
  certificateFromPemOrDer,
  copyInfo,
  readCertificate,
  sha256Hex,
  type CertificateInfo,
  type ParsedCertificate,
} from './certificates.ts';
import { replaceFileDurably } from '../documents/blob-store.ts';

const FILE_NAME = /^([0-9a-f]{64})\.der$/;
const MIN_PREFIX = 8;

export class TrustStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Adds every certificate in the file; all of them must be CAs or none is added. */
  add(bytes: Uint8Array): CertificateInfo[] {
    const parsed = certificateFromPemOrDer(bytes).map(readCertificate);
    const leaf = parsed.find((entry) => !entry.info.isCa);
    if (leaf) throw new AppError('TRUST_NOT_CA', `${leaf.info.subject} has no basicConstraints cA=true`);
    for (const { der, info } of parsed) {
      const file = path.join(this.dir, `${info.sha256}.der`);
      if (!fs.existsSync(file)) replaceFileDurably(file, der);
    }
    return parsed.map((entry) => copyInfo(entry.info));
  }

  list(): CertificateInfo[] {
    return this.certificates().map((entry) => copyInfo(entry.info));
  }

  remove(sha256Prefix: string): CertificateInfo {
    const prefix = sha256Prefix.trim().toLowerCase();
    if (!new RegExp(`^[0-9a-f]{${MIN_PREFIX},64}$`).test(prefix)) {
      throw new AppError('INPUT_INVALID', `fingerprint prefix "${sha256Prefix}"`, {
        fields: { sha256: `Nhập ít nhất ${MIN_PREFIX} ký tự đầu (0-9, a-f) của dấu vân tay SHA-256.` },
      });
    }
    const matches = this.certificates().filter((entry) => entry.info.sha256.startsWith(prefix));
    if (matches.length === 0) throw new AppError('TRUST_NOT_FOUND', prefix);
    if (matches.length > 1) {
      throw new AppError('INPUT_INVALID', `fingerprint prefix ${prefix} matches ${matches.length} certificates`, {
        fields: { sha256: 'Mã này trùng với nhiều chứng thư số; nhập thêm vài ký tự của dấu vân tay.' },
      });
    }
    const [match] = matches as [ParsedCertificate];
    try {
      fs.rmSync(path.join(this.dir, `${match.info.sha256}.der`));
    } catch (error) {
      throw new AppError('FILE_WRITE_FAILED', `${this.dir}: ${(error as Error).message}`, { cause: error });
    }
    return copyInfo(match.info);
  }

  /**
   * The stored certificates. A file whose bytes no longer match its name, or
   * no longer parse, is skipped: a damaged anchor must not be trusted, and it
   * must not stop every other verification either.
   */
  certificates(): ParsedCertificate[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => FILE_NAME.test(name))
      .sort()
      .flatMap((name) => {
        const der = fs.readFileSync(path.join(this.dir, name));
        if (sha256Hex(der) !== FILE_NAME.exec(name)![1]) return [];
        try {
          return [readCertificate(der)];
        } catch {
          return [];
        }
      });
  }
}
