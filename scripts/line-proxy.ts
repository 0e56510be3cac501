// npm run -s line-proxy -- --target 127.0.0.1:8080 [--listen 9000] [--rate 256kbit] [--delay 150]
//   [--cut-after-up BYTES] [--cut-after-down BYTES] [--cut-at MS] [--down-for MS]
// A slow commune line in front of a local server (see scripts/lib/line-proxy.ts for the model).
// The first stdout line is `line-proxy listening on HOST:PORT`; cuts are logged on stderr; Ctrl-C
// prints the counters and stops.
import { parseArgs } from 'node:util';
import { parseBitRate, startLineProxy, type CutRule } from './lib/line-proxy.ts';

const USAGE =
  'usage: npm run -s line-proxy -- --target HOST:PORT [--listen PORT] [--rate 256kbit] [--delay MS] ' +
  '[--cut-after-up BYTES] [--cut-after-down BYTES] [--cut-at MS] [--down-for MS]';

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(/ms$/, ''));
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a number ≥ 0, got ${value}\n${USAGE}`);
  return parsed;
}

try {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      listen: { type: 'string' },
      rate: { type: 'string' },
      delay: { type: 'string' },
      'cut-after-up': { type: 'string' },
      'cut-after-down': { type: 'string' },
      'cut-at': { type: 'string' },
      'down-for': { type: 'string' },
    },
  });
  const target = /^(.+):(\d+)$/.exec(values.target ?? '');
  if (!target) throw new Error(USAGE);
  const downForMs = number(values['down-for'], 'down-for');
  const cuts: CutRule[] = [];
  const afterUp = number(values['cut-after-up'], 'cut-after-up');
  const afterDown = number(values['cut-after-down'], 'cut-after-down');
  const atMs = number(values['cut-at'], 'cut-at');
  if (afterUp !== undefined) cuts.push({ afterBytesUp: afterUp, downForMs });
  if (afterDown !== undefined) cuts.push({ afterBytesDown: afterDown, downForMs });
  if (atMs !== undefined) cuts.push({ atMs, downForMs });

  const proxy = await startLineProxy({
    target: { host: target[1]!, port: Number(target[2]) },
    listenPort: number(values.listen, 'listen') ?? 0,
    rateBitsPerSecond: values.rate === undefined ? undefined : parseBitRate(values.rate),
    delayMs: number(values.delay, 'delay') ?? 0,
    cuts,
    log: (message) => process.stderr.write(`line-proxy: ${message}\n`),
  });
  process.stdout.write(`line-proxy listening on ${proxy.host}:${proxy.port}\n`);

  const stop = async (): Promise<void> => {
    const stats = proxy.stats();
    await proxy.close();
    process.stderr.write(
      `line-proxy: ${stats.bytesUp} B up, ${stats.bytesDown} B down, ${stats.connections} connection(s), ${stats.cuts} cut(s)\n`,
    );
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  process.stderr.write(`line-proxy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
