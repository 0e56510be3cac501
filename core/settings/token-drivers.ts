// The token drivers (PKCS#11 modules) the Settings screen lists. `tokens.modules`
// loads every driver in its own host process and asks it C_GetInfo: seconds
// when several are installed, longer when one hangs. The screen first shows
// the list from this file at once (which paths are configured or known for
// this system, and whether each file is there), then probes the drivers one
// by one and fills in each answer as it comes.
import fs from 'node:fs';
import type { ModuleReportView } from '../../shared/signing.ts';
import type { Core } from '../context.ts';
import { getSetting } from '../db/signing.ts';
import { knownModulePaths } from '../signing/known-modules.ts';
import { MODULES_SETTING } from '../signing/token-runtime.ts';

export interface TokenDriverEntry {
  path: string;
  /** `argument`: named by the caller; `settings`: chosen in Settings; `built-in`: where a known brand installs it. */
  source: ModuleReportView['source'];
  /** Whether the file is on this machine; a driver that is not cannot load. */
  exists: boolean;
}

/**
 * The drivers `tokens.modules` would load, and the known ones it would skip:
 * those given, those in Settings, then the known paths of the token brands
 * used in Vietnam for this system (core/signing/known-modules.ts), present
 * ones first. Each file once, as the token manager counts them (by its real
 * path). Reads only the file system's directory entries: no driver is loaded.
 */
export function listTokenDrivers(core: Core, input: { modules: readonly string[] }): { drivers: TokenDriverEntry[] } {
  const settings = getSetting<string[]>(core.db, MODULES_SETTING) ?? [];
  const known = knownModulePaths().map((file) => ({ file, exists: fs.existsSync(file) }));
  const seen = new Set<string>();
  const drivers: TokenDriverEntry[] = [];
  const add = (file: string, source: TokenDriverEntry['source'], exists = fs.existsSync(file)) => {
    const key = exists ? canonical(file) : file;
    if (seen.has(key)) return;
    seen.add(key);
    drivers.push({ path: file, source, exists });
  };
  for (const file of input.modules) add(file, 'argument');
  for (const file of settings) add(file, 'settings');
  for (const { file, exists } of known) if (exists) add(file, 'built-in', true);
  for (const { file, exists } of known) if (!exists) add(file, 'built-in', false);
  return { drivers };
}

/**
 * Loads one driver in a host process of its own and asks it C_GetInfo, as
 * `tokens.modules` does for each: the report of one line of the list. The host
 * is closed afterwards; signing loads its drivers in its own hosts.
 */
export async function probeTokenDriver(core: Core, input: { path: string }): Promise<ModuleReportView> {
  const settings = getSetting<string[]>(core.db, MODULES_SETTING) ?? [];
  const source: ModuleReportView['source'] = settings.includes(input.path)
    ? 'settings'
    : knownModulePaths().includes(input.path)
      ? 'built-in'
      : 'argument';
  // The PKCS#11 host client is loaded only when a driver is probed.
  const { TokenManager } = await import('../signing/token-manager.ts');
  const manager = new TokenManager({ argumentModules: [input.path], builtIn: false });
  try {
    const [report] = await manager.modules();
    return { ...report!, source };
  } finally {
    await manager.close();
  }
}

function canonical(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
