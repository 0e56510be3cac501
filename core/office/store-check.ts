import type { Outputs } from '../../shared/api.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { integrityProblems, knownBlobHashes, searchIndexIsSound } from '../db/health.ts';
import { checkHandling } from '../workflow/handling-check.ts';

/**
 * Everything that lets the clerk trust the store after a power cut or a disk
 * scare, read-only: the SQLite file, the search index, the audit chain, and
 * every stored PDF against its hash. Files no document refers to (left by an
 * interrupted write) are counted, not deleted.
 */
export function checkStore(core: Core): Outputs['store.check'] {
  const database = integrityProblems(core.db);
  const searchIndex = searchIndexIsSound(core.db);
  const audit = verifyAuditChain(core.db);
  const known = knownBlobHashes(core.db);
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const sha256 of known) {
    const state = core.blobs.check(sha256);
    if (state === 'missing') missing.push(sha256);
    if (state === 'corrupt') corrupt.push(sha256);
  }
  const knownSet = new Set(known);
  const unreferenced = core.blobs.storedHashes().filter((sha256) => !knownSet.has(sha256)).length;
  const handling = checkHandling(core.db);
  return {
    ok: database.length === 0 && searchIndex && audit.ok && missing.length === 0 && corrupt.length === 0 && handling.ok,
    database: { ok: database.length === 0, problems: database.slice(0, 20) },
    searchIndex: { ok: searchIndex },
    audit,
    pdfs: { checked: known.length, missing, corrupt, unreferenced },
    handling,
  };
}
