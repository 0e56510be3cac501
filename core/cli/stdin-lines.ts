// Passwords reach the CLI only through stdin, never argv (visible in `ps` and
// shell history). One read serves every line asked for: the acting official's
// password first, then a new password.
import { UsageError } from './usage-error.ts';

let lines: Promise<string[]> | undefined;

async function readLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > 4096) throw new UsageError('đầu vào chuẩn quá dài cho mật khẩu hay mã PIN');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

/** The stdin line at `index`, refused when missing or empty. */
export async function stdinLine(index: number, what: string): Promise<string> {
  lines ??= readLines();
  const line = (await lines)[index] ?? '';
  if (line.length === 0) throw new UsageError(`không đọc được ${what} từ đầu vào chuẩn (dòng ${index + 1})`);
  return line;
}
