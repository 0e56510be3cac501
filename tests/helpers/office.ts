import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { CoreEvent, HandlerInput, HandlerName, Outputs } from '../../shared/api.ts';
import { call } from '../../core/api.ts';
import { openCore, type Core } from '../../core/context.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh data dir, removed after the test. */
export function tempDir(prefix = 'vanthu-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestOffice {
  core: Core;
  dataDir: string;
  call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Outputs[K]>;
  /** Moves the office clock; every core call after it sees this moment. */
  setNow(iso: string): void;
}

/** An initialized commune office on a real SQLite file, with a settable clock. */
export async function openTestOffice(
  options: {
    dataDir?: string;
    now?: string;
    init?: boolean;
    onEvent?: (event: CoreEvent) => void;
    readOwedInBackground?: () => void;
  } = {},
): Promise<TestOffice> {
  const dataDir = options.dataDir ?? tempDir();
  let now = new Date(options.now ?? '2026-03-02T09:00:00+07:00');
  const core = openCore(dataDir, {
    actor: 'van-thu',
    now: () => now,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.readOwedInBackground ? { readOwedInBackground: options.readOwedInBackground } : {}),
  });
  cleanups.push(() => core.close());
  const office: TestOffice = {
    core,
    dataDir,
    call: (name, input) => call(core, name, input),
    setNow: (iso) => {
      now = new Date(iso);
    },
  };
  if (options.init !== false) {
    await office.call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' });
  }
  return office;
}

/** Every file under a directory, relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) =>
    fs.statSync(path.join(dir, entry)).isFile(),
  );
}
