// One TokenManager per Core: token hosts stay loaded between calls (a second
// signature needs no driver reload). When the set of drivers changes, the old
// manager and its hosts are closed rather than kept beside the new ones.
import type { Core } from '../context.ts';
import { getSetting } from '../db/signing.ts';
import { TokenManager } from './token-manager.ts';

export const MODULES_SETTING = 'signing.modules';

const managers = new WeakMap<Core, { key: string; manager: TokenManager }>();

export function tokenManager(core: Core, argumentModules: readonly string[]): TokenManager {
  const settingsModules = getSetting<string[]>(core.db, MODULES_SETTING) ?? [];
  const key = JSON.stringify([argumentModules, settingsModules]);
  const current = managers.get(core);
  if (current?.key === key) return current.manager;
  if (current) void current.manager.close();
  else core.onClose(() => void managers.get(core)?.manager.close());
  const manager = new TokenManager({ argumentModules: [...argumentModules], settingsModules });
  managers.set(core, { key, manager });
  return manager;
}
