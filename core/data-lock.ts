// One holder at a time per data dir and task, across processes (the app and a
// command in a terminal). A lock left by a killed process is taken over.
import fs from 'node:fs';
import path from 'node:path';

/** The release function, or null when a live process holds the lock. */
export function tryDataLock(dataDir: string, task: string): (() => void) | null {
  const dir = path.join(dataDir, task);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder === process.pid || isAlive(holder)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}

/** The process holding a task's lock, if it still runs. */
export function lockHolder(dataDir: string, task: string): number | null {
  try {
    const holder = Number(fs.readFileSync(path.join(dataDir, task, 'lock'), 'utf8'));
    return isAlive(holder) ? holder : null;
  } catch {
    return null;
  }
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
