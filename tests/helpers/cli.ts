import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/vanthu.js');

export interface CliResult<T = unknown> {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed, with `--json` (the default): `T` is what the test expects the command to print. */
  json: T;
}

/** Runs the real `vanthu` command in a child process. */
export function vanthu<T = unknown>(
  dataDir: string,
  args: string[],
  options: { json?: boolean; input?: string } = {},
): CliResult<T> {
  const json = options.json ?? true;
  const result = spawnSync(process.execPath, [BIN, ...args, '--data', dataDir, ...(json ? ['--json'] : [])], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh' },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  let parsed: unknown = undefined;
  if (json && result.stdout.trim()) parsed = JSON.parse(result.stdout);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: parsed as T };
}
