// `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints one JSON line.
import fs from 'node:fs';
import path from 'node:path';

const [name, ...args] = process.argv.slice(2);
const available = fs
  .readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -3));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [options]\n`);
  process.exit(2);
}
const bench = (await import(path.join(import.meta.dirname, `${name}.ts`))) as { run(args: string[]): Promise<unknown> };
const result = await bench.run(args);
process.stdout.write(`${JSON.stringify(result)}\n`);
