// `vanthu <command>`: the API table on the command line. Parses arguments,
// calls one handler, prints text or (with --json) exactly one JSON document.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { toErrorValue } from '../../shared/errors.ts';
import type { CoreEvent } from '../../shared/api.ts';
import { call } from '../api.ts';
import { defaultDataDir, openCore, type Core } from '../context.ts';
import type { Command, ParsedValues } from './args.ts';
import { commands } from './commands.ts';
import { UsageError } from './usage-error.ts';
import { signIn } from '../workflow/session.ts';
import { stdinLine } from './stdin-lines.ts';

const globalOptions = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  /** The official acting: by id or by name; their password, if they have one, from stdin. */
  as: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

const GLOBAL_FLAGS = new Set(['--json', '--help', '-h', '--password-stdin']);

/**
 * The command's words, wherever the global options stand: "--data X --json
 * incoming add …" and "incoming add … --json" are the same command.
 */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const wordAt: number[] = [];
  for (let i = 0; i < argv.length && wordAt.length < 2; i++) {
    const arg = argv[i]!;
    if (arg === '--data' || arg === '--as') i++;
    else if (GLOBAL_FLAGS.has(arg) || arg.startsWith('--data=') || arg.startsWith('--as=')) continue;
    else if (arg.startsWith('-')) break;
    else wordAt.push(i);
  }
  for (const count of [2, 1]) {
    const at = wordAt.slice(0, count);
    if (at.length < count) continue;
    const name = at.map((i) => argv[i]).join(' ');
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command) return { command, rest: argv.filter((_, i) => !at.includes(i)) };
  }
  return undefined;
}

function helpText(): string {
  const lines = Object.values(commands).map((c) => `  ${c.summary}\n    vanthu ${c.usage}`);
  return [
    'vanthu — sổ văn bản của cơ quan, chạy không cần mạng',
    '',
    'Mọi lệnh nhận --data <thư mục>, --json và --as <cán bộ> [--password-stdin] (làm việc dưới tên cán bộ đó).',
    '',
    ...lines,
  ].join('\n');
}

/** A mistyped command: exit code 2, and with --json still one JSON document. */
function usageError(json: boolean, problem: string, usage: string): number {
  if (json) {
    const error = { code: 'INPUT_INVALID', message: `Lệnh chưa đúng cú pháp: ${problem}`, detail: `vanthu ${usage}` };
    process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  } else {
    process.stderr.write(`Lệnh chưa đúng cú pháp: ${problem}\nCách dùng: vanthu ${usage}\n`);
  }
  return 2;
}

/** node:util's parse errors, in the clerk's language. */
function describeParseError(error: NodeJS.ErrnoException): string {
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `không có tùy chọn ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `tùy chọn ${option} thiếu giá trị hoặc giá trị không đúng`;
  return error.message;
}

/** Starts `vanthu reindex` for this data dir, detached: it outlives this command, and at most one runs per store. */
function readOwedDetached(dataDir: string): void {
  const entry = process.argv[1];
  if (!entry) return;
  spawn(process.execPath, [...process.execArgv, entry, 'reindex', '--data', dataDir], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

/** Progress goes to stderr, so stdout stays one JSON document with --json. */
function printProgress(event: CoreEvent): void {
  if (event.type === 'sign.progress')
    process.stderr.write(`Đã ký ${event.index}/${event.total}: ${event.notation ?? event.documentId}\n`);
  if (event.type === 'ocr.progress' && event.done < event.total)
    process.stderr.write(`Đang nhận dạng chữ (OCR) ${event.label}: trang ${event.done + 1}/${event.total}\n`);
  if (event.type === 'reading.progress' && event.total > 0)
    process.stderr.write(`Đọc lại chữ của văn bản: ${event.done}/${event.total}\r`);
  if (event.type === 'sync.progress' && event.bytesDone === event.bytesTotal) {
    process.stderr.write(
      `${event.direction === 'up' ? 'Đã gửi' : 'Đã nhận'} ${event.label} (${Math.round(event.bytesTotal / 1024)} KB)\n`,
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const found = findCommand(argv);
  if (!found) {
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    if (wantsHelp) {
      process.stdout.write(`${helpText()}\n`);
      return 0;
    }
    return usageError(
      json,
      `không có lệnh "${argv
        .filter((a) => !a.startsWith('-'))
        .slice(0, 2)
        .join(' ')}"`,
      '--help',
    );
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
    return usageError(json, describeParseError(error as NodeJS.ErrnoException), command.usage);
  }
  if (values.help) {
    process.stdout.write(`${command.summary}\nvanthu ${command.usage}\n`);
    return 0;
  }
  if (values.data === '') return usageError(json, '--data cần một thư mục', command.usage);
  let core: Core | undefined;
  try {
    const input = await command.input(values as ParsedValues, positionals);
    let owedReading = false;
    core = openCore(typeof values.data === 'string' ? values.data : defaultDataDir(), {
      onEvent: printProgress,
      readOwedInBackground: () => (owedReading = true),
    });
    if (typeof values.as === 'string') {
      const password = values['password-stdin'] === true ? await stdinLine(0, 'mật khẩu') : undefined;
      signIn(core, values.as, password);
    }
    const output = await call(core, command.handler, input as never);
    // OCR left for later (--no-ocr) goes on after this command has answered, in a process of its own.
    if (owedReading) readOwedDetached(core.dataDir);
    process.stdout.write(json ? `${JSON.stringify(output, null, 2)}\n` : `${command.text(output)}\n`);
    return command.exitCode?.(output) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(json, error.message, command.usage);
    const value = toErrorValue(error);
    if (json) {
      process.stdout.write(`${JSON.stringify({ error: value }, null, 2)}\n`);
    } else {
      const fields = value.fields
        ? Object.entries(value.fields)
            .map(([field, message]) => `\n  ${field}: ${message}`)
            .join('')
        : '';
      process.stderr.write(
        `Lỗi: ${value.message}${fields}\n(${value.code}${value.detail ? `: ${value.detail}` : ''})\n`,
      );
    }
    return 1;
  } finally {
    core?.close();
  }
}
