import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { DurableWriter } from './durable-writer.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store: blobs/ab/cdef… named by SHA-256, so the same
 * bytes are stored once and a name can never point outside the store.
 */
export class BlobStore {
  readonly root: string;
  private writer: DurableWriter | null = null;

  constructor(root: string) {
    this.root = root;
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  /**
   * Writes the bytes durably: to a temp file, fsynced, renamed into place,
   * then the directory fsynced, so a power cut leaves either the whole blob
   * or nothing under its name. A caller that already hashed these very bytes
   * passes the hash; read() checks it again every time.
   */
  put(bytes: Uint8Array, sha256: string = sha256Of(bytes)): { sha256: string; size: number } {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return { sha256, size: bytes.length };
    const dir = path.dirname(target);
    const tmpDir = path.join(this.root, 'tmp');
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.mkdirSync(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
      writeFileDurably(tmp, bytes);
      fs.renameSync(tmp, target);
      fsyncDirectory(dir);
    } catch (error) {
      throw new AppError('FILE_WRITE_FAILED', `blob ${sha256}: ${(error as Error).message}`, { cause: error });
    }
    return { sha256, size: bytes.length };
  }

  /** put() without blocking this thread: a worker thread writes and fsyncs. */
  async putAsync(bytes: Uint8Array, sha256: string = sha256Of(bytes)): Promise<{ sha256: string; size: number }> {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return { sha256, size: bytes.length };
    const tmpDir = path.join(this.root, 'tmp');
    try {
      fs.mkdirSync(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
      await (this.writer ??= new DurableWriter()).write(tmp, target, path.dirname(target), bytes);
    } catch (error) {
      throw new AppError('FILE_WRITE_FAILED', `blob ${sha256}: ${(error as Error).message}`, { cause: error });
    }
    return { sha256, size: bytes.length };
  }

  /** Stops the writer thread, if one was started. */
  close(): void {
    void this.writer?.close();
    this.writer = null;
  }

  /** Whether the stored bytes are there and still match their name. */
  check(sha256: string): 'ok' | 'missing' | 'corrupt' {
    try {
      this.read(sha256);
      return 'ok';
    } catch (error) {
      if (error instanceof AppError && error.code === 'BLOB_CORRUPT') return 'corrupt';
      if (error instanceof AppError && error.code === 'BLOB_MISSING') return 'missing';
      throw error;
    }
  }

  /** The hashes of every blob file on disk, whether the database knows it or not. */
  storedHashes(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return fs
      .readdirSync(this.root)
      .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
      .flatMap((dir) => fs.readdirSync(path.join(this.root, dir)).map((rest) => `${dir}${rest}`))
      .filter((sha256) => SHA256_HEX.test(sha256));
  }

  /** The bytes, checked against their name so silent disk damage is caught. */
  read(sha256: string): Buffer {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.pathOf(sha256));
    } catch (error) {
      throw new AppError('BLOB_MISSING', `blob ${sha256}: ${(error as Error).message}`, { cause: error });
    }
    if (sha256Of(bytes) !== sha256) {
      throw new AppError('BLOB_CORRUPT', `blob ${sha256} no longer matches its hash`);
    }
    return bytes;
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function writeFileDurably(file: string, bytes: Uint8Array, flags = 'w'): void {
  const fd = fs.openSync(file, flags);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces a file so that a power cut leaves the old or the new content,
 * never half of it: temp file in the same folder, fsync, rename, fsync the
 * folder.
 */
export function replaceFileDurably(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeFileDurably(tmp, bytes, 'wx');
    fs.renameSync(tmp, file);
    fsyncDirectory(dir);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('FILE_WRITE_FAILED', `${file}: ${(error as Error).message}`, { cause: error });
  }
}

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a copy for the user, whole or not at all, never over an existing
 * file. The copy is written beside the target and then linked into place;
 * FAT32/exFAT USB sticks have no hard links, so there it is copied with the
 * same no-overwrite rule.
 */
export function exportFile(out: string, bytes: Uint8Array): void {
  const dir = path.dirname(out);
  if (fs.existsSync(out)) throw new AppError('FILE_EXISTS', out);
  if (!fs.existsSync(dir)) throw new AppError('FILE_NOT_FOUND', dir);
  const tmp = path.join(dir, `.${path.basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileDurably(tmp, bytes, 'wx');
    try {
      fs.linkSync(tmp, out);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
      fs.copyFileSync(tmp, out, fs.constants.COPYFILE_EXCL);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('FILE_EXISTS', out, { cause: error });
    throw new AppError('FILE_WRITE_FAILED', `${out}: ${(error as Error).message}`, { cause: error });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
