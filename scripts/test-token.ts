// npm run -s test-token -- --dir <dir>: SoftHSM2 test tokens and their CA, described as JSON on
// stdout (see scripts/lib/test-tokens.ts for what is on them).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestTokens } from './lib/test-tokens.ts';

try {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  if (!values.dir) throw new Error('usage: npm run -s test-token -- --dir <empty or new directory>');
  const tokens = await createTestTokens(path.resolve(values.dir));
  process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`test-token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
