// What every route of one running hub shares.
import type { BlobStore } from './blob-store.ts';
import type { Database } from './db/database.ts';
import type { UploadLocks } from './upload-locks.ts';

export interface HubContext {
  db: Database;
  blobs: BlobStore;
  locks: UploadLocks;
  /** Proves an admin command comes from the CLI on this machine (it reads <data>/hub.json). */
  adminSecret: string;
}
