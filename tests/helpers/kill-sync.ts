// What the fault loops share: `vanthu sync` started on a data dir and
// SIGKILLed mid-run, a sync repeated until the queue is empty, and the whole
// feed as the hub gives it to a device (to count what arrived, and how often).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { getDevice } from '../../core/db/sync.ts';
import { HubClient } from '../../core/sync/hub-client.ts';
import type { LineProxy } from '../../scripts/lib/line-proxy.ts';
import { pullReply, type FeedItem } from '../../shared/sync-protocol.ts';
import type { TestOffice } from './office.ts';
import { pendingCount } from './sync.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/vanthu.js');

export type KillAt = { afterMs: number } | { afterBytesUp: number; line: LineProxy };

/**
 * Starts `vanthu sync` on the data dir and SIGKILLs it (if still running) after a time, or at
 * the moment the line has carried a given number of bytes up: a kill that lands mid-upload
 * however fast or slow the machine is.
 */
export function killedSync(dataDir: string, at: KillAt): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'sync', '--data', dataDir, '--json'], { stdio: 'ignore' });
    const kill = () => void child.kill('SIGKILL');
    const timer = 'afterMs' in at ? setTimeout(kill, at.afterMs) : undefined;
    // Never reached when the sync ends first; the proxy rejects it when it closes.
    if ('afterBytesUp' in at) at.line.onceAfterBytesUp(at.afterBytesUp, kill).catch(() => undefined);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

export const random = (from: number, to: number) => from + Math.floor(Math.random() * (to - from));

export async function syncUntilDone(office: TestOffice): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = await office.call('sync.run', {});
    if (result.outcome === 'ok' && pendingCount(office) === 0) return;
  }
  throw new Error(`sync did not finish: ${pendingCount(office)} pending`);
}

/** The whole feed as the hub gives this device, from the start. */
export async function hubFeed(office: TestOffice): Promise<FeedItem[]> {
  const device = getDevice(office.core.db)!;
  const client = new HubClient(device.hubUrl, device.credential);
  try {
    const items: FeedItem[] = [];
    for (let cursor = 0; ;) {
      const page = await client.json(
        'POST',
        `v1/agencies/${encodeURIComponent(device.agencyCode)}/pull`,
        { cursor, budget: 1024 * 1024 },
        pullReply,
      );
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.more) return items;
    }
  } finally {
    client.close();
  }
}
