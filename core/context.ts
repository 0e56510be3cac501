import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './db/connection.ts';
import type { CoreEvent } from '../shared/api.ts';
import { BlobStore } from './documents/blob-store.ts';
import { deskPersonAtStart } from './workflow/desk-person.ts';

/** What every core operation works with: one store, one blob store, who and when. */
export interface Core {
  readonly dataDir: string;
  readonly db: Db;
  readonly blobs: BlobStore;
  /** The computer account acting, for the audit log. */
  readonly actor: string;
  /** The official at the desk (core/workflow/session.ts); null when none has switched in. */
  readonly session: { personId: string | null };
  now(): Date;
  /** Where progress events go (the CLI prints them, the UI shows them). */
  emit(event: CoreEvent): void;
  /**
   * Asks for the text the store owes (scans waiting for OCR, letters read by an older page
   * reading) to be read in the background: the app host does it in process, the CLI in a
   * detached `vanthu reindex`, a test when it says so.
   */
  readOwedInBackground(): void;
  /** Registers cleanup for a resource opened on demand (token hosts); run by close(). */
  onClose(cleanup: () => void): void;
  close(): void;
}

export interface CoreOptions {
  actor?: string;
  /** The official acting; without it, the desk's own official when they need no password. */
  personId?: string | null;
  now?: () => Date;
  onEvent?: (event: CoreEvent) => void;
  readOwedInBackground?: () => void;
}

export function openCore(dataDir: string, options: CoreOptions = {}): Core {
  const root = path.resolve(dataDir);
  const db = openDatabase(root);
  const blobs = new BlobStore(path.join(root, 'blobs'));
  const cleanups: (() => void)[] = [() => blobs.close()];
  return {
    dataDir: root,
    db,
    blobs,
    actor: options.actor ?? currentUser(),
    session: { personId: options.personId === undefined ? deskPersonAtStart(db) : options.personId },
    now: options.now ?? (() => new Date()),
    emit: options.onEvent ?? (() => undefined),
    readOwedInBackground: options.readOwedInBackground ?? (() => undefined),
    onClose: (cleanup) => cleanups.push(cleanup),
    close: () => {
      while (cleanups.length) cleanups.pop()!();
      db.close();
    },
  };
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some service accounts have no passwd entry; the audit row still needs a name.
    return 'unknown';
  }
}

/** The per-user data dir when none is given: %APPDATA%\vanthu, ~/Library/…, or XDG. */
export function defaultDataDir(): string {
  if (process.env.VANTHU_DATA_DIR) return process.env.VANTHU_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'vanthu');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'vanthu');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'vanthu');
}
