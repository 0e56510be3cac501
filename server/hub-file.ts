// <data>/hub.json says which process has the data dir (PGlite is
// single-process) and, once a hub listens, where and with which secret the
// admin CLI reaches it. Created exclusively; a file left by a dead process is
// taken over.
import fs from 'node:fs';
import path from 'node:path';

export interface HubFile {
  pid: number;
  /** Null while the holder is a starting hub or an admin command working directly. */
  url: string | null;
  adminSecret: string | null;
}

export type DataDirClaim =
  { ok: true; publish(url: string, adminSecret: string): void; release(): void } | { ok: false; holder: HubFile };

const fileOf = (dataDir: string) => path.join(dataDir, 'hub.json');

export function claimDataDir(dataDir: string): DataDirClaim {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = fileOf(dataDir);
  const mine: HubFile = { pid: process.pid, url: null, adminSecret: null };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return {
        ok: true,
        publish(url, adminSecret) {
          const temp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(temp, JSON.stringify({ ...mine, url, adminSecret }), { mode: 0o600 });
          fs.renameSync(temp, file);
        },
        release() {
          if (readHubFile(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHubFile(dataDir);
      if (holder && isAlive(holder.pid)) return { ok: false, holder };
      fs.rmSync(file, { force: true });
    }
  }
  return { ok: false, holder: readHubFile(dataDir) ?? { pid: 0, url: null, adminSecret: null } };
}

/** The holder named in hub.json, if that process is still alive. */
export function liveHolder(dataDir: string): HubFile | null {
  const holder = readHubFile(dataDir);
  return holder && isAlive(holder.pid) ? holder : null;
}

function readHubFile(dataDir: string): HubFile | null {
  try {
    const value = JSON.parse(fs.readFileSync(fileOf(dataDir), 'utf8')) as Partial<HubFile>;
    return typeof value.pid === 'number'
      ? { pid: value.pid, url: value.url ?? null, adminSecret: value.adminSecret ?? null }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
