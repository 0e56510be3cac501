import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/vanthu.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

/** Runs the real `vanthu` command in a child process. */
export function vanthu(dataDir: string, args: string[], options: { json?: boolean; input?: string } = {}): CliResult {
  const json = options.json ?? true;
  const result = spawnSync(process.execPath, [BIN, ...args, '--data', dataDir, ...(json ? ['--json'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  let parsed: unknown = undefined;
  if (json && result.stdout.trim()) parsed = JSON.parse(result.stdout);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: parsed };
}
