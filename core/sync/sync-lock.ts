// One sync at a time per data dir, across processes (the app's scheduler and
// a `vanthu sync` in a terminal). A lock left by a killed process is taken over.
import { AppError } from '../../shared/errors.ts';
import { lockHolder, tryDataLock } from '../data-lock.ts';

export function acquireSyncLock(dataDir: string): () => void {
  const release = tryDataLock(dataDir, 'sync');
  if (release) return release;
  throw new AppError('SYNC_BUSY', `sync already running in process ${lockHolder(dataDir, 'sync') ?? '?'}`);
}
