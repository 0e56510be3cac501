// The `hub` command: serve, or `admin …` for agencies, codes and devices.
import { parseArgs } from 'node:util';
import type { LogLevel } from './app.ts';

const USAGE = `usage: hub --data <dir> [--port 8080] [--host 127.0.0.1] [--log warn|info|debug]
       hub admin --help`;
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug'];

export async function main(argv: string[]): Promise<number> {
  // Each path loads only its own modules: an admin command should start fast.
  if (argv[0] === 'admin') return (await import('./admin/cli.ts')).runAdmin(argv.slice(1));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        log: { type: 'string', default: 'warn' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.data) return usage('--data <dir> is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port ${values.port} is not a port`);
  if (!LOG_LEVELS.includes(values.log as LogLevel))
    return usage(`--log ${values.log}: one of ${LOG_LEVELS.join(', ')}`);
  const { serve } = await import('./serve.ts');
  return serve({
    dataDir: values.data,
    host: values.host,
    port,
    logLevel: values.log as LogLevel,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
}

function usage(problem: string): number {
  process.stderr.write(`hub: ${problem}\n${USAGE}\n`);
  return 2;
}
