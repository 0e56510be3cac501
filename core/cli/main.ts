// `vanthu <command>`: the API table on the command line. Parses arguments,
// calls one handler, prints text or (with --json) exactly one JSON document.
import { parseArgs } from 'node:util';
import { toErrorValue } from '../../shared/errors.ts';
import { call } from '../api.ts';
import { defaultDataDir, openCore, type Core } from '../context.ts';
import { commands, UsageError, type Command } from './commands.ts';

const globalOptions = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function findCommand(argv: string[]): { name: string; command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command) return { name, command, rest: argv.slice(words) };
  }
  return undefined;
}

function helpText(): string {
  const lines = Object.values(commands).map((c) => `  ${c.summary}\n    vanthu ${c.usage}`);
  return ['vanthu — sổ văn bản của cơ quan, chạy không cần mạng', '', 'Mọi lệnh nhận --data <thư mục> và --json.', '', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    (wantsHelp ? process.stdout : process.stderr).write(`${wantsHelp ? '' : `Lệnh không hợp lệ: ${argv.join(' ')}\n\n`}${helpText()}\n`);
    return wantsHelp ? 0 : 2;
  }
  const { command } = found;
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: found.rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`Lỗi cú pháp: ${(error as Error).message}\nCách dùng: vanthu ${command.usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${command.summary}\nvanthu ${command.usage}\n`);
    return 0;
  }
  const json = values.json === true;
  let core: Core | undefined;
  try {
    const input = command.input(values as Record<string, string | boolean | string[] | undefined>, positionals);
    core = openCore((values.data as string | undefined) ?? defaultDataDir());
    const output = await call(core, command.handler, input as never);
    process.stdout.write(json ? `${JSON.stringify(output, null, 2)}\n` : `${command.text(output as never)}\n`);
    return command.exitCode?.(output as never) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Lỗi cú pháp: ${error.message}\nCách dùng: vanthu ${command.usage}\n`);
      return 2;
    }
    const value = toErrorValue(error);
    if (json) {
      process.stdout.write(`${JSON.stringify({ error: value }, null, 2)}\n`);
    } else {
      const fields = value.fields ? Object.entries(value.fields).map(([field, message]) => `\n  ${field}: ${message}`).join('') : '';
      process.stderr.write(`Lỗi: ${value.message}${fields}\n(${value.code}${value.detail ? `: ${value.detail}` : ''})\n`);
    }
    return 1;
  } finally {
    core?.close();
  }
}
