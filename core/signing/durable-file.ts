import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { writeFileDurably } from '../documents/blob-store.ts';

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
