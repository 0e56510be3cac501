// One TokenManager per set of modules for the life of a Core: token hosts stay
// loaded between calls (a second signature needs no driver reload), and close
// when the Core does.
import type { Core } from '../context.ts';
import { getSetting } from '../db/signing.ts';
import { TokenManager } from './token-manager.ts';

export const MODULES_SETTING = 'signing.modules';

const managers = new WeakMap<Core, Map<string, TokenManager>>();

export function tokenManager(core: Core, argumentModules: readonly string[]): TokenManager {
  let byModules = managers.get(core);
  if (!byModules) {
    const created = new Map<string, TokenManager>();
    byModules = created;
    managers.set(core, created);
    core.onClose(() => {
      for (const manager of created.values()) void manager.close();
      created.clear();
    });
  }
  const settingsModules = getSetting<string[]>(core.db, MODULES_SETTING) ?? [];
  const key = JSON.stringify([argumentModules, settingsModules]);
  let manager = byModules.get(key);
  if (!manager) {
    manager = new TokenManager({ argumentModules: [...argumentModules], settingsModules });
    byModules.set(key, manager);
  }
  return manager;
}
