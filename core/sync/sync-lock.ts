// One sync at a time per data dir, across processes (the app's scheduler and
// a `vanthu sync` in a terminal). A lock left by a killed process is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';

export function acquireSyncLock(dataDir: string): () => void {
  const dir = path.join(dataDir, 'sync');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder === process.pid || isAlive(holder))
        throw new AppError('SYNC_BUSY', `sync already running in process ${holder}`);
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('SYNC_BUSY', 'could not take the sync lock');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
