// Blobs on disk: complete ones content-addressed under <data>/blobs/ab/<sha256>,
// uploads in progress under <data>/uploads/<agency>/<sha256>.part. The bytes
// of a partial file are the hub's offset: there is no other record of it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export class BlobStore {
  readonly blobsDir: string;
  readonly uploadsDir: string;

  constructor(dataDir: string) {
    this.blobsDir = path.join(dataDir, 'blobs');
    this.uploadsDir = path.join(dataDir, 'uploads');
    fs.mkdirSync(this.blobsDir, { recursive: true });
    fs.mkdirSync(this.uploadsDir, { recursive: true });
  }

  /** Callers pass validated hex hashes; the prefix directory keeps any one directory small. */
  pathOf(sha256: string): string {
    return path.join(this.blobsDir, sha256.slice(0, 2), sha256);
  }

  /** Agency codes come from the database (validated when added), never raw from a URL. */
  partialPathOf(agency: string, sha256: string): string {
    return path.join(this.uploadsDir, agency, `${sha256}.part`);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  partialSize(agency: string, sha256: string): number {
    try {
      return fs.statSync(this.partialPathOf(agency, sha256)).size;
    } catch {
      return 0;
    }
  }

  /** Where the next chunk goes; the file itself appears with its first byte. */
  preparePartial(agency: string, sha256: string): string {
    const file = this.partialPathOf(agency, sha256);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return file;
  }

  /**
   * Starts the partial upload of `sha256` with the bytes of the complete blob
   * `base` (a new version that extends it): copied to a temporary file,
   * fsynced, then renamed into place, so after a crash the partial file holds
   * either nothing or the whole base, never a part the client did not expect.
   * Returns the new offset.
   */
  async seedPartial(agency: string, sha256: string, base: string): Promise<number> {
    const file = this.preparePartial(agency, sha256);
    const temp = `${file}.base.tmp`;
    try {
      await fsp.copyFile(this.pathOf(base), temp);
      const handle = await fsp.open(temp, 'r+');
      let size: number;
      try {
        await handle.sync();
        size = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, file);
      syncDir(path.dirname(file));
      return size;
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }

  discardPartial(agency: string, sha256: string): void {
    fs.rmSync(this.partialPathOf(agency, sha256), { force: true });
  }

  /**
   * Hashes a finished upload. A match moves it into the store (it was written
   * and fsynced chunk by chunk, so the rename is the last step); if the store
   * already has the blob, the upload only proved possession and is dropped.
   */
  async completePartial(agency: string, sha256: string): Promise<'stored' | 'hash-mismatch'> {
    const partial = this.partialPathOf(agency, sha256);
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(partial), hash);
    if (hash.digest('hex') !== sha256) {
      fs.rmSync(partial, { force: true });
      return 'hash-mismatch';
    }
    if (this.has(sha256)) {
      fs.rmSync(partial, { force: true });
      return 'stored';
    }
    const target = this.pathOf(sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(partial, target);
    syncDir(path.dirname(target));
    return 'stored';
  }

  openRead(sha256: string, start: number, end: number): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256), { start, end });
  }
}

/** The rename is durable only once its directory entry is. */
function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
